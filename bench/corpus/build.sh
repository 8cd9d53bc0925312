#!/usr/bin/env bash
# Builds the benchmark corpus and installs the competing tools.
#
#   bash bench/corpus/build.sh           # generate what is missing
#   bash bench/corpus/build.sh --force   # regenerate everything
#
# For each recipe in bench/corpus/<variant>/package.json (variant: base, head)
# and each package manager (npm, pnpm 9, yarn classic 1.22.22) it resolves the
# recipe in a temporary directory with the real manager and copies back only
# package.json and the lockfile into bench/.corpus/<variant>/<manager>/.
# Competitors go to bench/.tools/ (pinned versions, see TOOLS below).
# The registry is whatever `npm config get registry` says; no host is written here.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
out="$bench/.corpus"
tools="$bench/.tools"
force=0
[[ "${1:-}" == "--force" ]] && force=1

registry="$(npm config get registry 2>/dev/null)"
PNPM="pnpm@9.15.9"
YARN="yarn@1.22.22"
TOOLS=(
  "@npmcli/arborist@9.9.3"
  "snyk-nodejs-lockfile-parser@2.10.4"
  "@cyclonedx/cyclonedx-npm@6.0.1"
)

lockfile_of() {
  case "$1" in
    npm) echo package-lock.json ;;
    pnpm) echo pnpm-lock.yaml ;;
    yarn) echo yarn.lock ;;
  esac
}

resolve() { # manager, workdir
  local manager="$1" dir="$2"
  case "$manager" in
    npm)
      (cd "$dir" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund \
        --omit-lockfile-registry-resolved=false)
      ;;
    pnpm)
      (cd "$dir" && npx -y "$PNPM" install --lockfile-only --ignore-scripts --registry "$registry")
      ;;
    yarn)
      # Yarn classic has no lockfile-only mode: it installs (scripts off) into the temp dir.
      (cd "$dir" && npx -y "$YARN" install --ignore-scripts --non-interactive --no-progress \
        --registry "$registry")
      ;;
  esac
}

for variant in base head; do
  for manager in npm pnpm yarn; do
    lock="$(lockfile_of "$manager")"
    dest="$out/$variant/$manager"
    if [[ $force -eq 0 && -f "$dest/$lock" ]]; then
      echo "= $variant/$manager/$lock (exists)"
      continue
    fi
    echo "+ $variant/$manager/$lock"
    tmp="$(mktemp -d)"
    cp "$here/$variant/package.json" "$tmp/"
    resolve "$manager" "$tmp" >"$tmp.log" 2>&1 || { cat "$tmp.log" >&2; rm -rf "$tmp" "$tmp.log"; exit 1; }
    mkdir -p "$dest"
    cp "$tmp/package.json" "$tmp/$lock" "$dest/"
    rm -rf "$tmp" "$tmp.log"
  done
done

if [[ $force -eq 1 || ! -f "$tools/package-lock.json" ]]; then
  echo "+ tools: ${TOOLS[*]}"
  mkdir -p "$tools"
  [[ -f "$tools/package.json" ]] || echo '{ "name": "chaingate-bench-tools", "private": true }' >"$tools/package.json"
  (cd "$tools" && npm install --save-exact --ignore-scripts --no-audit --no-fund "${TOOLS[@]}")
else
  echo "= tools (exist)"
fi

node "$bench/lib/count.mjs" "$out"
