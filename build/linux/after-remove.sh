#!/bin/sh
# deb/rpm post-remove: undo after-install.sh. A link is removed only while it still points
# into this package, so a `strata` another package or the user put there is left alone.
app='/opt/${sanitizedProductName}'

# An upgrade runs this for the old version too (dpkg passes "upgrade"; rpm a count of the
# versions left, and runs it after the new version's after-install): keep the links then.
case $1 in
  upgrade | failed-upgrade | [1-9]*) exit 0 ;;
esac

for link in '/usr/bin/${executable}' /usr/bin/strata; do
  case $(readlink "$link" 2>/dev/null) in
    "$app"/*) rm -f "$link" ;;
  esac
done

profile='/etc/apparmor.d/${executable}'
if [ -f "$profile" ]; then
  if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1; then
    apparmor_parser --remove "$profile" >/dev/null 2>&1 || true
  fi
  rm -f "$profile"
fi
