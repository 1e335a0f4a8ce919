#!/usr/bin/env bash
# The whole test suite with a SQL Server 2022 beside it, wherever Docker runs: starts a throw-away
# mcr.microsoft.com/mssql/server:2022-latest container on a free port with a random SA password, waits until it
# answers, then runs the README's test command (`dotnet test`) with PORTAL_TEST_SQLSERVER pointing at it, so the
# data contract tests run against SQL Server as well as SQLite. The container is removed on exit, whatever happens.
# Arguments are passed on to dotnet test (e.g. --filter "FullyQualifiedName~Contract").
set -euo pipefail
cd "$(dirname "$0")/.."

image=mcr.microsoft.com/mssql/server:2022-latest
wait_seconds=${PORTAL_SQLSERVER_WAIT_SECONDS:-180}

if ! command -v docker >/dev/null 2>&1; then
  echo "test-sqlserver: docker is not installed here, so SQL Server cannot be started. Install Docker, or set" >&2
  echo "PORTAL_TEST_SQLSERVER to a server of your own and run dotnet test." >&2
  exit 2
fi
if ! docker info >/dev/null 2>&1; then
  echo "test-sqlserver: docker is installed but its daemon does not answer (is it running, may this user use it?)." >&2
  exit 2
fi

# Random SA password meeting SQL Server's policy (upper, lower, digit, symbol; 8 or more characters).
password="Pt$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')-Aa1"
name="chibaportal-sqlserver-$$"

cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap "exit 130" INT TERM

echo "Starting SQL Server 2022 ($image) as $name"
# No host port given: docker takes a free one on 127.0.0.1, read back below.
docker run -d --name "$name" -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD="$password" \
  -p "127.0.0.1::1433" "$image" >/dev/null
port=$(docker port "$name" 1433/tcp | head -n 1 | sed 's/.*://')
echo "It listens on 127.0.0.1:$port"

echo "Waiting up to ${wait_seconds}s for it to answer"
deadline=$((SECONDS + wait_seconds))
until docker exec "$name" /opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P "$password" -Q "SELECT 1" -b -o /dev/null >/dev/null 2>&1; do
  if [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != "true" ]; then
    echo "test-sqlserver: the SQL Server container stopped; its log:" >&2
    docker logs "$name" 2>&1 | tail -n 30 >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "test-sqlserver: SQL Server did not answer within ${wait_seconds}s (PORTAL_SQLSERVER_WAIT_SECONDS sets the bound); its log:" >&2
    docker logs "$name" 2>&1 | tail -n 30 >&2
    exit 1
  fi
  sleep 2
done
echo "SQL Server answers"

export PORTAL_TEST_SQLSERVER="Server=127.0.0.1,$port;User Id=sa;Password=$password;TrustServerCertificate=True;Encrypt=False"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test "$@"
