"""Validates routesim's CI outputs (scripts/check-formats.sh writes them) against the schemas.

Usage: validate-formats.py CACHE OUT. Every `*.sarif`, `*.junit`, `*.gitlab` and `*.checkstyle`
file in OUT is checked against its format's schema(s); the deploy recipes against theirs. Beyond
the schemas it checks what the consumers rely on: SARIF relative URIs resolve under SRCROOT,
partialFingerprints are unique, GitLab fingerprints are unique, JUnit counts add up.
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema
import xmlschema
import yaml

cache, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
problems = []
checked = []


def fail(path, message):
    problems.append(f"{path}: {message}")


def check_sarif(path):
    with open(os.path.join(cache, "sarif-schema-2.1.0.json")) as f:
        schema = json.load(f)
    with open(path) as f:
        doc = json.load(f)
    for error in jsonschema.Draft7Validator(schema).iter_errors(doc):
        fail(path, f"SARIF 2.1.0 schema: {error.message} at {list(error.absolute_path)}")
    for run in doc["runs"]:
        bases = run.get("originalUriBaseIds", {})
        seen = set()
        for result in run.get("results", []):
            for location in result.get("locations", []):
                artifact = location.get("physicalLocation", {}).get("artifactLocation", {})
                base = artifact.get("uriBaseId")
                if base and base not in bases:
                    fail(path, f"uriBaseId {base} not in originalUriBaseIds")
                if not base and not artifact.get("uri", "file:").startswith("file:"):
                    fail(path, f"relative uri {artifact.get('uri')} without a uriBaseId")
            fingerprints = json.dumps(result.get("partialFingerprints", {}), sort_keys=True)
            if fingerprints in seen:
                fail(path, f"duplicate partialFingerprints {fingerprints}")
            seen.add(fingerprints)
            if not result.get("partialFingerprints"):
                fail(path, f"result {result.get('ruleId')} has no partialFingerprints")
        for rule in run["tool"]["driver"].get("rules", []):
            if not rule.get("helpUri", "").startswith("https://"):
                fail(path, f"rule {rule['id']} helpUri is not absolute: {rule.get('helpUri')}")


def check_junit(path):
    for xsd in sorted(glob.glob(os.path.join(cache, "junit-10-*.xsd"))):
        schema = xmlschema.XMLSchema(xsd)
        for error in schema.iter_errors(path):
            fail(path, f"{os.path.basename(xsd)}: {error.reason} at {error.path}")
    root = xmlschema.XMLResource(path).root
    cases = root.findall(".//testcase")
    if int(root.get("tests")) != len(cases):
        fail(path, f"tests={root.get('tests')} but {len(cases)} test cases")
    if int(root.get("failures")) != len(root.findall(".//failure")):
        fail(path, "failures attribute does not count the failure elements")


def check_gitlab(path):
    with open(os.path.join(here, "schemas", "gitlab-code-quality.schema.json")) as f:
        schema = json.load(f)
    with open(path) as f:
        doc = json.load(f)
    for error in jsonschema.Draft202012Validator(schema).iter_errors(doc):
        fail(path, f"GitLab Code Quality: {error.message} at {list(error.absolute_path)}")
    fingerprints = [issue.get("fingerprint") for issue in doc]
    if len(fingerprints) != len(set(fingerprints)):
        fail(path, "fingerprints are not unique (GitLab would drop issues)")


def check_checkstyle(path):
    schema = xmlschema.XMLSchema(os.path.join(here, "schemas", "checkstyle.xsd"))
    for error in schema.iter_errors(path):
        fail(path, f"checkstyle: {error.reason} at {error.path}")


checks = {".sarif": check_sarif, ".junit": check_junit, ".gitlab": check_gitlab, ".checkstyle": check_checkstyle}
for path in sorted(glob.glob(os.path.join(out, "*"))):
    check = checks.get(os.path.splitext(path)[1])
    if check:
        check(path)
        checked.append(os.path.basename(path))

# The deploy recipes, against the schemas their engines use.
venv_bin = os.path.join(cache, "venv", "bin")
repo = os.path.dirname(here)
runs = [
    ([os.path.join(venv_bin, "kubernetes-validate"), "--strict", "-k", "1.30.0", "deploy/kubernetes-sweep.yml"], "deploy/kubernetes-sweep.yml"),
    ([os.path.join(venv_bin, "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", "deploy/github-sweep.yml"], "deploy/github-sweep.yml"),
    ([os.path.join(venv_bin, "check-jsonschema"), "--builtin-schema", "vendor.github-actions", "action.yml"], "action.yml"),
]
for command, name in runs:
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        fail(name, (result.stdout + result.stderr).strip())
    checked.append(name)

expected = [f"{command}.{format}" for command in ["lint", "failures", "diff"] for format in ["sarif", "junit", "gitlab", "checkstyle"]]
for name in expected + ["lint-never.junit"]:
    if name not in checked:
        fail(name, "was not written")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"formats valid against their schemas: {', '.join(checked)}")
