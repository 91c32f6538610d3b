#!/usr/bin/env bash
# Builds the benchmark corpus: real JavaScript/TypeScript from pinned public
# npm packages, unpacked into bench/corpus/<name>/ (gitignored, never committed).
#
# Idempotent: does nothing when bench/corpus/.complete lists the same packages.
# Changing PACKAGES below rebuilds the corpus.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="$here/corpus"

# Pinned with `npm view <pkg> version`. Chosen for readable (not minified)
# JavaScript and TypeScript that the scanner actually reads: ~60 MB in ~8,800
# files, of which effect, zod, rxjs and @tanstack/react-query are TypeScript/TSX
# sources. The scanner's default walk skips dist/ and build/ folders, .d.ts
# files, files over 1 MiB and minified code (which is why aws-cdk-lib, whose
# JavaScript is ~95% minified, is not used: 200 MB on disk for ~3 MB read).
PACKAGES=(
  effect@4.1.0
  webpack@5.112.2
  date-fns@4.4.0
  typeorm@1.1.1
  zod@4.6.7
  eslint@10.15.0
  mongodb@7.9.0
  svelte@5.57.3
  mongoose@9.12.1
  lodash@4.18.1
  aws-sdk@2.1693.0
  sequelize@6.37.8
  rxjs@7.8.2
  @aws-sdk/client-ec2@3.1169.0
  @aws-sdk/client-s3@3.1173.0
  @aws-sdk/client-dynamodb@3.1164.0
  @tanstack/react-query@5.108.0
  express@5.3.0
)

summary() {
  echo "corpus: $corpus"
  find "$corpus" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \
      -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) \
      ! -name '*.d.ts' ! -name '*.d.mts' ! -name '*.d.cts' -printf '%s\n' |
    awk '{s+=$1; n++} END {printf "  JS/TS source files (all, excluding .d.ts): %d files, %.1f MB\n", n, s/1e6}'
  # Approximately what the scanner's default walk reads (the benchmark prints the exact figure).
  find "$corpus" \( -type d \( -name dist -o -name build -o -name node_modules -o -name coverage \) -prune \) -o \
      -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \
      -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) \
      ! -name '*.d.ts' ! -name '*.d.mts' ! -name '*.d.cts' ! -name '*.min.*' -size -1025k -printf '%s\n' |
    awk '{s+=$1; n++} END {printf "  of which the scanner would read (approx.):  %d files, %.1f MB\n", n, s/1e6}'
  find "$corpus" -type f -printf '%s\n' |
    awk '{s+=$1; n++} END {printf "  everything on disk:                         %d files, %.1f MB\n", n, s/1e6}'
}

# Python: real library code from Debian's python3 packages, fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` into bench/corpus/python/
# (never committed). `bash bench/corpus.sh python` builds only this part.
PY_PACKAGES=(python3-botocore python3-sqlalchemy python3-boto3 python3-requests python3-urllib3 python3-django python3-sympy)

python_corpus() {
  local dir="$corpus/python" want
  want="$(printf '%s\n' "${PY_PACKAGES[@]}")"
  if [[ -f "$dir/.complete" ]] && [[ "$(cat "$dir/.complete")" == "$want" ]]; then
    echo "python corpus already built ($dir/.complete)"
  else
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
      echo "corpus.sh: apt-get and dpkg-deb are needed for the Python corpus" >&2
      return 1
    fi
    local tmp
    tmp="$(mktemp -d)"
    rm -rf "$dir"
    mkdir -p "$dir"
    for pkg in "${PY_PACKAGES[@]}"; do
      echo "apt-get download $pkg"
      if ! (cd "$tmp" && apt-get download "$pkg" >/dev/null 2>"$tmp/err"); then
        echo "corpus.sh: apt-get download $pkg failed (try: apt-get update):" >&2
        cat "$tmp/err" >&2
        rm -rf "$tmp"
        return 1
      fi
      dpkg-deb -x "$tmp"/"$pkg"_*.deb "$dir/$pkg"
      rm -f "$tmp"/*.deb
    done
    rm -rf "$tmp"
    printf '%s\n' "${PY_PACKAGES[@]}" >"$dir/.complete"
  fi
  find "$dir" -type f -name '*.py' -size -1025k -printf '%s\n' |
    awk '{s+=$1; n++} END {printf "  Python source files: %d files, %.1f MB\n", n, s/1e6}'
}

# Java: the JDK's own sources from Debian's openjdk-17-source (src.zip under
# /usr/lib/jvm), fetched with `apt-get download`, unpacked with `dpkg-deb -x`
# and unzipped into bench/corpus/java/ (never committed). `bash bench/corpus.sh
# java` builds only this part.
JAVA_PACKAGE=openjdk-17-source

java_corpus() {
  local dir="$corpus/java"
  if [[ -f "$dir/.complete" ]] && [[ "$(cat "$dir/.complete")" == "$JAVA_PACKAGE" ]]; then
    echo "java corpus already built ($dir/.complete)"
  else
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
      echo "corpus.sh: apt-get and dpkg-deb are needed for the Java corpus" >&2
      return 1
    fi
    local tmp zip
    tmp="$(mktemp -d)"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "apt-get download $JAVA_PACKAGE"
    if ! (cd "$tmp" && apt-get download "$JAVA_PACKAGE" >/dev/null 2>"$tmp/err"); then
      echo "corpus.sh: apt-get download $JAVA_PACKAGE failed (try: apt-get update):" >&2
      cat "$tmp/err" >&2
      rm -rf "$tmp"
      return 1
    fi
    dpkg-deb -x "$tmp"/"$JAVA_PACKAGE"_*.deb "$tmp/x"
    zip="$(find "$tmp/x" -name src.zip | head -n 1)"
    if [[ -z "$zip" ]]; then
      echo "corpus.sh: no src.zip in $JAVA_PACKAGE" >&2
      rm -rf "$tmp"
      return 1
    fi
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$(readlink -f "$zip")" "$dir"
    rm -rf "$tmp"
    echo "$JAVA_PACKAGE" >"$dir/.complete"
  fi
  find "$dir" -type f -name '*.java' -size -1025k -printf '%s\n' |
    awk '{s+=$1; n++} END {printf "  Java source files: %d files, %.1f MB\n", n, s/1e6}'
}

if [[ "${1:-}" == "python" ]]; then
  python_corpus
  exit $?
fi
if [[ "${1:-}" == "java" ]]; then
  java_corpus
  exit $?
fi

want="$(printf '%s\n' "${PACKAGES[@]}")"
if [[ -f "$corpus/.complete" ]] && [[ "$(cat "$corpus/.complete")" == "$want" ]]; then
  echo "corpus already built ($corpus/.complete); skipping download"
  summary
  python_corpus
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "corpus.sh: npm not found; install Node.js/npm to build the corpus" >&2
  exit 1
fi
npm_opts=(--fetch-retries=1 --fetch-timeout=30000 --no-audit --no-fund --loglevel=error)
if ! timeout 90 npm view "${npm_opts[@]}" lodash@4.18.1 version >/dev/null 2>&1; then
  echo "corpus.sh: the npm registry ($(npm config get registry 2>/dev/null)) is unreachable; cannot build the corpus" >&2
  exit 1
fi

# A package list change means a rebuild from scratch (the Python part stays).
mkdir -p "$corpus"
find "$corpus" -mindepth 1 -maxdepth 1 ! -name python -exec rm -rf {} +
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for spec in "${PACKAGES[@]}"; do
  pkg="${spec%@*}"                     # @aws-sdk/client-s3@3.1173.0 -> @aws-sdk/client-s3
  name="${pkg#@}"; name="${name//\//__}" # -> aws-sdk__client-s3
  echo "npm pack $spec"
  tgz="$(cd "$tmp" && npm pack "${npm_opts[@]}" "$spec" 2>"$tmp/err" | tail -n 1)" || {
    echo "corpus.sh: npm pack $spec failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  }
  if [[ -z "$tgz" || ! -f "$tmp/$tgz" ]]; then
    echo "corpus.sh: npm pack $spec produced no tarball" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  # Unpack beside the corpus first so an interrupted run leaves no half package.
  mkdir -p "$tmp/x/$name"
  tar xzf "$tmp/$tgz" -C "$tmp/x/$name" --strip-components=1 --no-same-owner
  mv "$tmp/x/$name" "$corpus/$name"
  rm -f "$tmp/$tgz"
done

printf '%s\n' "${PACKAGES[@]}" >"$corpus/.complete"
echo "corpus built"
summary
python_corpus
