#!/bin/sh
# Puts the app in this user's application menu, pointing at this folder (run it again after
# moving the folder). Copy the installed entry to the desktop for a launcher there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
case "$here" in
  *[\"\`\$%\\]*) echo "move the folder to a path without \" \` \$ % or \\ first" >&2; exit 2 ;;
esac
escaped=$(printf '%s' "$here" | sed 's/[\\&|]/\\&/g')
mkdir -p "$apps"
sed -e "s|^Exec=.*|Exec=\"$escaped/estimator-gui\"|" \
    -e "s|^TryExec=.*|TryExec=$escaped/estimator-gui|" \
    "$here/estimator-gui.desktop" > "$apps/estimator-gui.desktop"
chmod 644 "$apps/estimator-gui.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$apps" || true; fi
echo "installed $apps/estimator-gui.desktop"
