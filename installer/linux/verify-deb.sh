#!/bin/bash
# Checks the .deb the installer profile just built, without installing it:
#   - size at most 90 MB, control declares libgtk-3-0, package name and version match the pom
#   - the unpacked launcher runs "--version" (prints the pom version) and "info --db <temp>"
#     (prints "Schema version") with exit code 0
#   - the runtime holds the modules that jdeps cannot see (locale data for zh, EC crypto, ...)
#   - running it writes nothing into the install folder (the database goes where --db says,
#     logs go to the user data folder)
# Usage: verify-deb.sh <folder holding the .deb> <expected version>
# Run by "mvn -Pinstaller package" (skip with -Dinstaller.verify.skip=true); exits non-zero on failure.
set -euo pipefail

dir=${1:?folder holding the .deb}
version=${2:?expected version}
max_bytes=$((90 * 1000 * 1000))

fail() { echo "verify-deb: FAILED: $*" >&2; exit 1; }
ok() { echo "verify-deb: ok: $*"; }

shopt -s nullglob
debs=("$dir"/riskdesk_"$version"-*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one riskdesk_$version-*.deb in $dir, found ${#debs[@]}"
deb=${debs[0]}

size=$(stat -c %s "$deb")
[ "$size" -le "$max_bytes" ] || fail "$deb is $size bytes, more than $max_bytes"
ok "size $size bytes (limit $max_bytes)"

[ "$(dpkg-deb -f "$deb" Package)" = riskdesk ] || fail "package name is not riskdesk"
deb_version=$(dpkg-deb -f "$deb" Version)
[ "${deb_version%-*}" = "$version" ] || fail "package version $deb_version does not start with $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends" | tr ',' '\n' | sed 's/ //g' | grep -qx 'libgtk-3-0' || fail "Depends lacks libgtk-3-0: $depends"
dpkg-deb -f "$deb" Recommends | grep -q 'fonts-noto-cjk' || fail "Recommends lacks a Chinese font"
ok "control: riskdesk $deb_version, Depends has libgtk-3-0, Recommends fonts-noto-cjk"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/DEBIAN"
app="$work/root/opt/riskdesk"
launcher="$app/bin/riskdesk"
[ -x "$launcher" ] || fail "no launcher at /opt/riskdesk/bin/riskdesk"
grep -q 'ln -sf /opt/riskdesk/bin/riskdesk /usr/bin/riskdesk' "$work/DEBIAN/postinst" || fail "postinst does not link /usr/bin/riskdesk"
for script in postinst prerm postrm preinst; do
  sh -n "$work/DEBIAN/$script" || fail "$script is not valid sh after jpackage filled it in"
done
[ -f "$app/lib/riskdesk-riskdesk.desktop" ] || fail "no desktop entry"
grep -qx 'Name=RiskDesk' "$app/lib/riskdesk-riskdesk.desktop" || fail "desktop entry is not named RiskDesk"
ok "launcher, desktop entry and /usr/bin link in postinst"

for f in cities.csv rules.json limit-policy.json notice-templates.json samples/customers.csv samples/dialects/repayments.csv; do
  [ -f "$app/lib/app/data/$f" ] || fail "the app lacks data/$f (the first start, the limit engine and the import samples need data/ whole)"
done
ok "reference data, rules, policy, notice templates and sample book in lib/app/data"

modules=$(grep '^MODULES=' "$app/lib/runtime/release")
for m in java.sql java.desktop java.naming java.management jdk.unsupported jdk.crypto.ec jdk.localedata jdk.charsets jdk.zipfs; do
  echo "$modules" | grep -qw "$m" || fail "runtime lacks module $m"
done
ok "runtime modules: ${modules#MODULES=}"
# Every module jdeps finds in the packaged jars must be in the runtime (catches a new
# dependency that needs a module installer/common.args does not list yet).
jdeps=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jdeps
if [ -x "$jdeps" ]; then
  needed=$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
      -cp "$app/lib/app/lib/*" "$app/lib/app/riskdesk.jar" 2>/dev/null | tail -1)
  [ -n "$needed" ] || fail "jdeps printed no module list"
  for m in ${needed//,/ }; do
    echo "$modules" | grep -qw "$m" || fail "jdeps says the app needs $m, which installer/common.args leaves out"
  done
  ok "runtime covers jdeps: $needed"
fi
# --include-locales=en,zh must have kept the Chinese CLDR data (the console's zh_CN texts and dates).
jimage=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jimage
if [ -x "$jimage" ]; then
  "$jimage" list "$app/lib/runtime/lib/modules" | grep -q 'sun/text/resources/cldr/ext/FormatData_zh.class' \
    || fail "runtime lacks Chinese locale data (FormatData_zh)"
  ok "runtime holds zh locale data"
fi

# A private data folder, so the check neither reads nor writes the real user's one
# (RiskDesk honours XDG_DATA_HOME; Java's user.home comes from the passwd entry, not $HOME).
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share"
unset RISKDESK_DB DISPLAY
mkdir -p "$HOME"
find "$app" -printf '%P\n' | sort > "$work/files-before"

set +e
out=$("$launcher" --version 2>"$work/err")
rc=$?
set -e
[ $rc -eq 0 ] || fail "riskdesk --version exited $rc: $(cat "$work/err")"
echo "$out" | grep -qx "RiskDesk $version" || fail "riskdesk --version printed '$out', expected 'RiskDesk $version'"
ok "riskdesk --version -> $out"

mkdir -p "$work/db"
set +e
out=$("$launcher" info --db "$work/db" 2>"$work/err")
rc=$?
set -e
[ $rc -eq 0 ] || fail "riskdesk info exited $rc: $out $(cat "$work/err")"
echo "$out" | grep -q '^Schema version' || fail "riskdesk info printed no 'Schema version': $out"
[ -f "$work/db/riskdesk.mv.db" ] || fail "info --db did not create its database in $work/db"
ok "riskdesk info --db <temp> -> $(echo "$out" | grep '^Schema version')"

find "$app" -printf '%P\n' | sort > "$work/files-after"
if ! diff -q "$work/files-before" "$work/files-after" >/dev/null; then
  fail "running the program changed the install folder: $(diff "$work/files-before" "$work/files-after" | tr '\n' ' ')"
fi
ok "nothing written inside /opt/riskdesk"
echo "verify-deb: all checks passed for $(basename "$deb")"
