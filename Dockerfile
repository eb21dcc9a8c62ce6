# routesim in a small image: built with the Swift toolchain, run on Debian slim with Graphviz's
# `dot` for diagrams (the binary links the Swift runtime statically and no libgvc: docs/install.md).
#   docker build -t routesim . && docker run --rm -v "$PWD:/work" -w /work routesim lint configs/
FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib --disable-default-traits --scratch-path .build/dist \
    && install -m 0755 .build/dist/release/routesim /usr/local/bin/routesim \
    && strip /usr/local/bin/routesim

FROM debian:bookworm-slim
# Not pinned: bookworm's security updates replace the pinned version and the build would fail.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/routesim /usr/local/bin/routesim
# A numeric user, so Kubernetes' runAsNonRoot can check it without the image's /etc/passwd.
RUN useradd --create-home --uid 10001 routesim
USER 10001
ENTRYPOINT ["routesim"]
CMD ["--help"]
