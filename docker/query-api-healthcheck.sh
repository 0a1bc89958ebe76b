#!/usr/bin/env bash
# HEALTHCHECK of the query-api image: GET /health on 127.0.0.1:${1:-8000}, healthy only on HTTP 200
# (the API answers 503 while ClickHouse is unreachable). Plain bash and its /dev/tcp: the
# eclipse-temurin JRE image is not guaranteed to ship curl or wget, and a `java` check would start
# a JVM every interval.
set -u
port="${1:-8000}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
# read the rest, so the server sees the client close after the whole response
while IFS= read -r -t 5 _; do :; done <&3
exec 3<&-
# status line, e.g. "HTTP/1.1 200 OK"
case "${status}" in
  "HTTP/1."[01]" 200"*) exit 0 ;;
  *) echo "GET /health: ${status%$'\r'}" >&2; exit 1 ;;
esac
