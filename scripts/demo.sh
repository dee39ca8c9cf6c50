#!/usr/bin/env bash
# Runs the demo: a clinic page on http://127.0.0.1:8080 embedding the widget
# from http://127.0.0.1:8081 (two origins of one site, as a clinic deploys it).
# Ports: CLINIC_PORT and WIDGET_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs --clinic-port "${CLINIC_PORT:-8080}" --widget-port "${WIDGET_PORT:-8081}"
