#!/bin/sh
# Install fieldkit for the current user, from the unpacked tarball:
#
#     ./install.sh              install into ~/.local (no root needed)
#     ./install.sh --prefix D   install into D instead (D/lib, D/bin, D/share)
#     ./install.sh --uninstall  remove what this script installed
#
# It copies the app to PREFIX/lib/fieldkit, links PREFIX/bin/fieldkit, and
# registers the menu entry, the icons and the .fieldkit file type under
# PREFIX/share, then makes fieldkit the default application for .fieldkit
# files, so that a double-click on a survey opens it.  Nothing outside PREFIX
# is touched except the user's list of default applications (xdg-mime).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
action=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

# The menu entry needs an absolute path to the binary.
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
app_dir="$prefix/lib/fieldkit"
bin_link="$prefix/bin/fieldkit"
share="$prefix/share"
desktop="$share/applications/fieldkit.desktop"
mime="$share/mime/packages/fieldkit.xml"
icons="$share/icons/hicolor"

# The desktop and icon caches are optional helpers: run them when present.
refresh() {
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
    rm -rf "$app_dir"
    rm -f "$bin_link" "$desktop" "$mime" "$icons/scalable/apps/fieldkit.svg"
    for png in "$icons"/*/apps/fieldkit.png; do
        if [ -e "$png" ]; then rm -f "$png"; fi
    done
    refresh
    echo "fieldkit removed from $prefix (your survey files and settings are untouched)"
    exit 0
fi

if [ ! -x "$here/fieldkit/fieldkit" ]; then
    echo "install.sh: $here/fieldkit/fieldkit is missing; run me from the unpacked tarball" >&2
    exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/mime/packages"
# Replace a previous version whole, so that no stale library is left behind.
rm -rf "$app_dir.new"
cp -R "$here/fieldkit" "$app_dir.new"
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"
ln -sf "$app_dir/fieldkit" "$bin_link"

# The menu entry runs the installed binary by its full path: ~/.local/bin is
# not on every desktop session's PATH.
sed "s|^Exec=fieldkit |Exec=\"$app_dir/fieldkit\" |" "$here/share/applications/fieldkit.desktop" > "$desktop"
cp "$here/share/mime/packages/fieldkit.xml" "$mime"
(cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
    mkdir -p "$(dirname "$icons/$icon")"
    cp "$here/share/icons/hicolor/$icon" "$icons/$icon"
done
refresh
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default fieldkit.desktop application/x-fieldkit-survey 2>/dev/null || true
fi

echo "fieldkit installed in $app_dir"
echo "  menu entry: $desktop"
echo "  command:    $bin_link (add $prefix/bin to PATH to type 'fieldkit')"
