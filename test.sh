#!/usr/bin/env bash
# Installs what the tests need when it is missing, checks the build is warning-free, and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# System packages the tests use: a real redis-server for the cache tests, Debian's Chromium for the
# browser tests (Playwright drives it; it never downloads a browser), and iptables for the fault tests
# that make a pod's address stop answering inside a network namespace of their own.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/iptables ] || missing+=(iptables)
[ -x /usr/bin/nsenter ] || missing+=(util-linux)
[ -x /usr/sbin/ip ] || [ -x /usr/bin/ip ] || missing+=(iproute2)

if ((${#missing[@]})); then
  echo "Installing ${missing[*]} with apt-get"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet build Iris.sln -warnaserror -nologo -v quiet

# The fault and hostile-input suites write their figures here; only this run's are printed.
reliability=TestResults/reliability
rm -rf "$reliability"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# A hung test fails the run after 10 minutes instead of holding it to the CI limit. The fault suite
# counts failed requests while it breaks things under a steady load, so it runs after the others, on
# a machine that the other suites' processes no longer share.
dotnet test Iris.sln --no-build -nologo --blame-hang-timeout 10m --filter "FullyQualifiedName!~Iris.Faults.Tests" 2>&1 | tee "$log" || status=$?
dotnet test tests/Iris.Faults.Tests --no-build -nologo --blame-hang-timeout 10m 2>&1 | tee -a "$log" || status=$?

if compgen -G "$reliability/*.md" >/dev/null; then
  echo
  echo "Reliability figures from this run (docs/reliability.md):"
  cat "$reliability"/*.md
  echo
fi

# One closing line over all test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
