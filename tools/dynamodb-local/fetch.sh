#!/usr/bin/env bash
# Fetches AWS's DynamoDB Local jar (shipped inside the npm package amplify-dynamodb-simulator)
# into .dynamodb-local/ at the repository root, once. Prints the folder that holds DynamoDBLocal.jar.
set -euo pipefail

# 2.9.30 carries DynamoDB Local 1.25.1 with its native SQLite libraries.
package="amplify-dynamodb-simulator@2.9.30"
integrity="sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ=="

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$root/.dynamodb-local/1.25.1"

if [[ -f "$dest/DynamoDBLocal.jar" ]]; then
  echo "$dest"
  exit 0
fi

work="$(mktemp -d "$root/.dynamodb-local.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# `npm pack` fetches only the tarball (no dependency tree) and checks it against the registry's integrity.
(cd "$work" && npm pack "$package" --json --silent > pack.json 2>/dev/null)
if ! grep -q "\"integrity\": \"$integrity\"" "$work/pack.json"; then
  echo "fetch.sh: $package did not match its pinned integrity" >&2
  exit 1
fi
tar -xzf "$work"/amplify-dynamodb-simulator-*.tgz -C "$work" package/emulator
mkdir -p "$root/.dynamodb-local"
# Another process (a parallel test run) may have won the race; either copy is the same.
mv -T "$work/package/emulator" "$dest" 2>/dev/null || true
echo "$dest"
