#!/usr/bin/env bash
# A development certificate for the legacy host names (image.api.qcloud.com, *.api.qcloud.com),
# so that legacy clients pointed at the proxy (hosts file or internal DNS) can speak TLS to it.
#
# Writes into FOLDER (default ./certs):
#   cert.pem, key.pem  what the proxy serves (TLS_CERT_FILE, TLS_KEY_FILE); key.pem is mode 600
#   ca.pem             what a client that verifies certificates must trust (NODE_EXTRA_CA_CERTS, ...)
# The CA is throwaway: name-constrained to api.qcloud.com, and its key is deleted once it has signed,
# so trusting ca.pem lets nothing else be signed for any other name, nor later for these names.
# Prints the two env lines for the proxy on stdout (`scripts/make-dev-cert.sh certs >> proxy.env`,
# then `qcloud-legacy-proxy --env-file proxy.env`: the proxy reads only an env file it is given).
#
# Usage: scripts/make-dev-cert.sh [FOLDER]
set -euo pipefail
umask 077

openssl=/usr/bin/openssl
names='DNS:image.api.qcloud.com,DNS:*.api.qcloud.com'
days=825 # the longest a TLS certificate may live and still be accepted by Apple's clients

mkdir -p "${1:-./certs}"
dir=$(cd "${1:-./certs}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Extensions from here only, not from the system openssl.cnf.
printf '[req]\ndistinguished_name = dn\n[dn]\n' >"$work/req.cnf"
printf '%s\n' >"$work/leaf.ext" \
  'basicConstraints = critical, CA:FALSE' \
  'keyUsage = critical, digitalSignature, keyEncipherment' \
  'extendedKeyUsage = serverAuth' \
  "subjectAltName = $names" \
  'subjectKeyIdentifier = hash' \
  'authorityKeyIdentifier = keyid'

# RSA rather than EC: the clients this is for are old.
"$openssl" req -config "$work/req.cnf" -x509 -newkey rsa:2048 -nodes -days "$days" -sha256 \
  -subj '/CN=qcloud-legacy-proxy development CA' \
  -addext 'basicConstraints = critical, CA:TRUE, pathlen:0' \
  -addext 'keyUsage = critical, keyCertSign, cRLSign' \
  -addext 'nameConstraints = critical, permitted;DNS:api.qcloud.com' \
  -addext 'subjectKeyIdentifier = hash' \
  -keyout "$work/ca-key.pem" -out "$work/ca.pem" 2>/dev/null
"$openssl" req -config "$work/req.cnf" -new -newkey rsa:2048 -nodes -subj '/CN=image.api.qcloud.com' \
  -keyout "$work/key.pem" -out "$work/cert.csr" 2>/dev/null
"$openssl" x509 -req -in "$work/cert.csr" -CA "$work/ca.pem" -CAkey "$work/ca-key.pem" \
  -set_serial "0x$("$openssl" rand -hex 16)" -days "$days" -sha256 -extfile "$work/leaf.ext" \
  -out "$work/cert.pem" 2>/dev/null

chmod 600 "$work/key.pem"
chmod 644 "$work/cert.pem" "$work/ca.pem"
mv -f "$work/key.pem" "$work/cert.pem" "$work/ca.pem" "$dir/"

echo "TLS_CERT_FILE=$dir/cert.pem"
echo "TLS_KEY_FILE=$dir/key.pem"
echo "Clients that verify certificates must trust $dir/ca.pem (e.g. NODE_EXTRA_CA_CERTS=$dir/ca.pem)." >&2
