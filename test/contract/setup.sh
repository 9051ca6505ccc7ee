#!/usr/bin/env bash
# Installs the contract tests' Python tools (test/contract/requirements.txt) into a virtual
# environment, once: .ci/run calls this, and so does the test when the environment is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.tmp/contract-venv
if [ ! -x "$venv/bin/st" ] || ! cmp -s test/contract/requirements.txt "$venv/requirements.txt"; then
  echo "installing Schemathesis into $venv (first time only)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r test/contract/requirements.txt
  cp test/contract/requirements.txt "$venv/requirements.txt"
fi
"$venv/bin/st" --version
