#!/usr/bin/env bash
# Prints an access token for a development user of the local OpenID provider (tools/oidc/server.mjs),
# obtained the way the page does it: authorization code + PKCE, signing in through the login form.
#   tools/oidc/token.sh alice            # or bob; the provider must be running (./run.sh --auth)
# Environment: OIDC_ISSUER (http://localhost:5090), OIDC_CLIENT_ID (tasks-web),
# OIDC_REDIRECT_URI (http://localhost:5080/, one the provider was started with), OIDC_PASSWORD (<user>-password).
set -euo pipefail
user="${1:?usage: $0 alice|bob}"
issuer="${OIDC_ISSUER:-http://localhost:5090}"
client_id="${OIDC_CLIENT_ID:-tasks-web}"
redirect_uri="${OIDC_REDIRECT_URI:-http://localhost:5080/}"
password="${OIDC_PASSWORD:-$user-password}"

jar="$(mktemp)" && trap 'rm -f "$jar"' EXIT
b64url() { base64 | tr '+/' '-_' | tr -d '=\n'; }
verifier="$(head -c 32 /dev/urandom | b64url)"
challenge="$(printf %s "$verifier" | openssl dgst -sha256 -binary | b64url)"
state="$(head -c 16 /dev/urandom | b64url)"
# Where a request redirects to, keeping the provider's cookies.
next() { curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$@"; }

url="$(next -G "$issuer/auth" --data-urlencode "client_id=$client_id" -d response_type=code \
  --data-urlencode 'scope=openid profile' --data-urlencode "redirect_uri=$redirect_uri" \
  -d "code_challenge=$challenge" -d code_challenge_method=S256 -d "state=$state")"
url="$(next --data-urlencode "login=$user" --data-urlencode "password=$password" "$url")"
# Back to the authorization endpoint, through the (automatic) consent, to the redirect with the code.
while [[ "$url" == "$issuer"/* ]]; do
  url="$(next "$url")"
done
[[ "$url" == *"state=$state"* && "$url" =~ [?\&]code=([^&]+) ]] || { echo "sign-in failed (wrong user or password?): ${url:-no redirect}" >&2; exit 1; }

curl -sS --fail-with-body "$issuer/token" -d grant_type=authorization_code --data-urlencode "client_id=$client_id" \
  --data-urlencode "redirect_uri=$redirect_uri" -d "code=${BASH_REMATCH[1]}" -d "code_verifier=$verifier" |
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
