#!/usr/bin/env bash
# Installs what review needs on Debian, only what is missing, so it is safe to run again.
#   scripts/bootstrap.sh          apertium-eng-spa, hunspell word lists, WordNet and the .venv (what `make run` needs)
#   scripts/bootstrap.sh --test   also chromium, PostgreSQL and Redis for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
command -v apertium >/dev/null && [ -d /usr/share/apertium/apertium-eng-spa ] || want+=(apertium-eng-spa)
for lang in es:es_ES en-us:en_US en-gb:en_GB; do  # word lists the entity and untranslated detectors read
  [ -f "/usr/share/hunspell/${lang#*:}.dic" ] || want+=("hunspell-${lang%%:*}")
done
[ -f /usr/share/wordnet/index.adj ] || want+=(wordnet-base)  # synonyms and antonyms: coverage, lexical negation
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  command -v pg_ctlcluster >/dev/null || want+=(postgresql)
  command -v redis-server >/dev/null || want+=(redis-server)
fi
if [ ${#want[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing with apt: ${want[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[dev]'
  touch "$stamp"
fi
