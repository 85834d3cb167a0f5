#!/usr/bin/env bash
# Validates a FHIR R4 JSON Bundle with an independent implementation: the `fhir.resources`
# Python package (6.x: FHIR R4 4.0.1, pydantic 1), in a project-local virtualenv made on
# first use (target/fhir-venv; needs PyPI once). Usage: scripts/validate-fhir.sh BUNDLE.json
# (or --install: only make the virtualenv; scripts/setup.sh does)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${ACUCHART_FHIR_VENV:-$root/target/fhir-venv}"
if ! "$venv/bin/python" -c 'import fhir.resources, sys; sys.exit(0 if fhir.resources.__fhir_version__ == "4.0.1" else 1)' 2>/dev/null; then
  echo "[validate-fhir] installing fhir.resources 6.4.0 (FHIR R4) into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "fhir.resources==6.4.0" "pydantic>=1.10,<2" >&2
fi
[ "${1:-}" = "--install" ] && exit 0
exec "$venv/bin/python" "$root/scripts/validate_fhir.py" "$@"
