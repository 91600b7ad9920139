#!/usr/bin/env bash
# Makes an example CA and a server certificate for the broker's TLS listener (8883), with openssl, for HiveMQ (the
# compose stack's broker, which reads a PKCS12 keystore) and for Mosquitto (PEM files) alike:
#
#   deploy/mosquitto/make-certs.sh [OUTDIR] [HOST...]
#
# OUTDIR  deploy/mosquitto/certs by default.
# HOST    the names (and IP addresses) devices and gateways use to reach the broker; default: broker (the
#         gateway inside the compose stack), mosquitto and localhost. Put the broker's public DNS name here for
#         field devices.
# Writes  ca.crt      the CA certificate: give it to the devices and the gateway (mqtt.ca-file);
#         ca.key      the CA's private key: keep it offline, it signs server certificates;
#         server.p12  key and certificate chain for HiveMQ (docker-compose.yml mounts OUTDIR at
#                     /opt/hivemq/conf/certs), protected by KEYSTORE_PASSWORD (default geohazard-broker; the same
#                     value goes to BROKER_KEYSTORE_PASSWORD for docker compose). The file's permissions protect the
#                     key, as they do server.key: the password only satisfies the keystore format.
#         server.crt, server.key   the same for Mosquitto (deploy/mosquitto/mosquitto.conf).
# A CA already in OUTDIR is reused, so a new server certificate (new names, or on expiry) needs no change on the
# devices. Keys are EC P-256. DAYS sets the server certificate's lifetime (default 825), CA_DAYS the CA's (3650).
# For production, a CA of your organisation may sign the server certificate instead: only ca.crt must match.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/certs}"
shift $(( $# > 0 ? 1 : 0 ))
hosts=("$@")
[ "${#hosts[@]}" -gt 0 ] || hosts=(broker mosquitto localhost)
days="${DAYS:-825}"
ca_days="${CA_DAYS:-3650}"
keystore_password="${KEYSTORE_PASSWORD:-geohazard-broker}"
mosquitto_uid=1883 # the mosquitto user of the Mosquitto image
hivemq_uid=10000   # the hivemq user of the HiveMQ image

die() { echo "make-certs: $*" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || die "need openssl"
[[ "$days" =~ ^[0-9]+$ && "$ca_days" =~ ^[0-9]+$ ]] || die "DAYS and CA_DAYS must be whole numbers of days"
[ "${#keystore_password}" -ge 6 ] || die "KEYSTORE_PASSWORD must have at least 6 characters"

san=""
for host in "${hosts[@]}"; do
  if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then
    san+="${san:+,}IP:$host"
  elif [[ "$host" =~ ^[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
    san+="${san:+,}DNS:$host"
  else
    die "'$host' is neither a host name nor an IP address"
  fi
done

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/geohazard-certs.XXXXXX")"
trap 'rm -rf "$work"' EXIT
umask 077

if [ -f "$out/ca.crt" ] && [ -f "$out/ca.key" ]; then
  echo "make-certs: reusing the CA in $out"
else
  [ ! -f "$out/ca.crt" ] || die "$out/ca.crt exists without ca.key; remove it to make a new CA"
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days "$ca_days" \
    -subj "/CN=geohazard broker CA" -keyout "$work/ca.key" -out "$work/ca.crt" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null || die "openssl could not make the CA"
  mv "$work/ca.key" "$work/ca.crt" "$out/"
fi

openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=${hosts[0]}" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null || die "openssl could not make the server key"
printf '%s\n' "subjectAltName=$san" "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$work/server.ext"
openssl x509 -req -sha256 -days "$days" -in "$work/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/server.ext" -out "$work/server.crt" 2>/dev/null \
  || die "openssl could not sign the server certificate"
openssl verify -CAfile "$out/ca.crt" "$work/server.crt" >/dev/null || die "the new server certificate does not verify"

# The password reaches openssl through the environment, never on a command line.
KEYSTORE_PASSWORD="$keystore_password" openssl pkcs12 -export -name broker -in "$work/server.crt" \
  -inkey "$work/server.key" -certfile "$out/ca.crt" -passout env:KEYSTORE_PASSWORD -out "$work/server.p12" \
  2>/dev/null || die "openssl could not write the PKCS12 keystore"

chmod 644 "$out/ca.crt" "$work/server.crt"
# Each broker reads its key as its own user (uid 10000 in the HiveMQ image, 1883 in Mosquitto's), after dropping
# root.
if [ "$(id -u)" = 0 ]; then
  chown "$hivemq_uid:$hivemq_uid" "$work/server.p12"
  chown "$mosquitto_uid:$mosquitto_uid" "$work/server.key"
  chmod 600 "$work/server.p12" "$work/server.key"
else
  chmod 644 "$work/server.p12" "$work/server.key"
  echo "make-certs: $out/server.p12 and server.key are readable by all local users so that the broker's user" \
    "can read them; as root this script gives them to the brokers' uids ($hivemq_uid, $mosquitto_uid) with" \
    "mode 600 instead" >&2
fi
mv -f "$work/server.p12" "$work/server.key" "$work/server.crt" "$out/"
echo "make-certs: wrote $out/server.p12 and server.crt for ${hosts[*]} (signed by $out/ca.crt, valid $days" \
  "days); now: docker compose restart broker"
