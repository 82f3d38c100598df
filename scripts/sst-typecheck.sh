#!/usr/bin/env bash
# Type-checks sst.config.ts and infra/ offline.
#
# `sst install` writes SST's platform types to .sst/platform/config.d.ts (and
# installs the pinned Pulumi providers' npm packages under .sst/platform, ~300 MB,
# ~30 s); tsc then checks the infra code against them (tsconfig.sst.json). The
# install is skipped when the types are present and match the installed sst.
#
# Offline: every sst command first tries to download Pulumi and bun; the
# SST_SKIP_DEPENDENCY_CHECK / SST_NO_BUN switches skip that (the providers then
# come from the npm registry). No AWS credentials are needed or looked for.
# Set SST_TYPECHECK_REINSTALL=1 to force a fresh install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1
export AWS_EC2_METADATA_DISABLED=true
stage="${SST_TYPECHECK_STAGE:-ci}"

# sst is not a devDependency: the registry here carries only its linux-x64 binary package, so a
# lock file listing sst cannot be installed with `npm ci`. It is installed beside the project instead.
wanted="3.18.10"
if [[ "$(node -p 'try { require("./.sst-tool/node_modules/sst/package.json").version } catch { "" }')" != "$wanted" ]]; then
  npm install --prefix .sst-tool --no-save --no-package-lock --no-audit --no-fund "sst@$wanted" >/dev/null
fi
have="$(cat .sst/platform/version 2>/dev/null || true)"
if [[ ! -f .sst/platform/config.d.ts || "$have" != "$wanted" || "${SST_TYPECHECK_REINSTALL:-}" == 1 ]]; then
  echo "sst-typecheck: sst install --stage $stage (sst $wanted; had ${have:-none})"
  start=$SECONDS
  .sst-tool/node_modules/.bin/sst install --stage "$stage"
  echo "sst-typecheck: installed in $((SECONDS - start)) s"
fi

node_modules/.bin/tsc --noEmit -p tsconfig.sst.json
echo "sst-typecheck: sst.config.ts and infra/ type-check"
