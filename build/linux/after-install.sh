#!/bin/sh
# deb/rpm post-install. electron-builder fills in the two template fields below
# (executable, sanitizedProductName); write no other dollar-brace expansion here.
set -e
app='/opt/${sanitizedProductName}'

# The desktop app and the command line each get a name on PATH: the GUI binary is
# strata-desktop (linux.executableName), so /usr/bin/strata is free for the CLI wrapper.
ln -sf "$app/${executable}" '/usr/bin/${executable}'
ln -sf "$app/resources/bin/strata" /usr/bin/strata

# Chromium's sandbox uses unprivileged user namespaces where the kernel allows them; only
# where it does not, the setuid helper has to do the job.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app/chrome-sandbox" || true
else
  chmod 4755 "$app/chrome-sandbox" || true
fi

# Ubuntu 24.04+ restricts unprivileged user namespaces through AppArmor: the profile
# electron-builder writes to resources/apparmor-profile lets this binary use them. An
# AppArmor too old for the profile's syntax (Ubuntu 22.04) needs no profile, so skip it.
profile='/etc/apparmor.d/${executable}'
if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1; then
  if apparmor_parser --skip-kernel-load --debug "$app/resources/apparmor-profile" >/dev/null 2>&1; then
    cp -f "$app/resources/apparmor-profile" "$profile"
    # Loading into the kernel is meaningless while building an image in a chroot.
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile" || true
    fi
  fi
fi

if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi
