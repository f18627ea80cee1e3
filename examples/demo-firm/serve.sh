#!/usr/bin/env bash
# The end of `make run`: the demo workspace served to a team. Makes five demo
# users, one per role (on a later run, gives them a new password and
# authenticator), writes their logins to OUT/demo-logins.txt (readable by you
# only), prints them, and serves OUT/demo at https://127.0.0.1:PORT until
# Ctrl-C. The certificate is self-signed: the browser asks you to accept it.
# Usage: serve.sh ETGUARD OUT [PORT]   (PORT: $ETG_PORT, else 8443; 0: any free one)
set -euo pipefail
etguard=$1 out=$2 port=${3:-${ETG_PORT:-8443}}
demo=$out/demo
e() { "$etguard" --workspace "$demo" "$@"; }
password='Demo firm 2027 staple battery'
logins=$out/demo-logins.txt
umask 077
existing=$(e --json user list)
{
  echo "Demo logins for $demo (password for everyone: $password)."
  echo "Add each secret to an authenticator app (or scan the otpauth URI as a QR code);"
  echo "the login page asks for the password and the app's 6-digit code. Security keys"
  echo "(WebAuthn) are added on the Security keys page, reached at https://localhost:$port/."
  echo
} >"$logins"
while IFS='|' read -r name role display objects; do
  if [[ $existing == *"\"name\": \"$name\""* ]]; then
    enrolment=$(printf '%s\n' "$password" |
      e --json user reset "$name" --verified-by "make run: demo user" --password-file -)
  else
    extra=()
    [[ -n $objects ]] && extra=(--objects "$objects")
    enrolment=$(printf '%s\n' "$password" |
      e --json user add "$name" --role "$role" --display "$display" "${extra[@]}" --password-file -)
  fi
  uri=$(sed -n 's/.*"otpauth_uri": "\(.*\)".*/\1/p' <<<"$enrolment")
  secret=$(sed -n 's/.*secret=\([A-Z2-7]*\).*/\1/p' <<<"$uri")
  printf '%-6s %-8s secret %s\n       %s\n' "$name" "$role" "$secret" "$uri" >>"$logins"
done <<'USERS'
ada|admin|Ada (demo administrator)|
mei|officer|林美 (demo security officer)|
lee|owner|Lee (demo owner of the DR site)|cloud/trading-dr
audit|auditor|Audit (demo internal audit)|
chair|board|董事長 (demo board)|
USERS
cat "$logins"
echo
echo "Serving the demo workspace; Ctrl-C stops it. Logins are in $logins."
exec "$etguard" --workspace "$demo" serve --listen "127.0.0.1:$port"
