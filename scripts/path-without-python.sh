# Source it. Scripts that start a throw-away daemon run it through `without_python SCRATCH
# COMMAND…`: the daemon's sentinel discovers Python environments from PATH and from
# variables such as PYENV_ROOT or CONDA_PREFIX, and would otherwise sweep — and, as root,
# quarantine from — the machine's own site-packages.

# Prints $PATH with every Python interpreter hidden: each directory holding a `python*`
# is replaced by a mirror of symlinks, under SCRATCH, to everything else in it.
path_without_python() {
  local scratch=$1 out="" dir index=0 mirror entry
  local IFS=:
  for dir in $PATH; do
    index=$((index + 1))
    if compgen -G "$dir/python*" >/dev/null 2>&1; then
      mirror="$scratch/path-$index"
      mkdir -p "$mirror"
      for entry in "$dir"/*; do
        case "${entry##*/}" in python*) ;; *) ln -sf "$entry" "$mirror/" ;; esac
      done
      dir=$mirror
    fi
    out="${out:+$out:}$dir"
  done
  printf '%s\n' "$out"
}

# Runs COMMAND… with no Python to discover: PATH without interpreters, and none of the
# variables that point discovery at environments.
without_python() {
  local scratch=$1
  shift
  env -u PYENV_ROOT -u CONDA_PREFIX -u MAMBA_ROOT_PREFIX -u PIPX_HOME -u UV_TOOL_DIR \
    -u UV_PYTHON_INSTALL_DIR -u WORKON_HOME -u PYTHONUSERBASE -u VIRTUAL_ENV -u XDG_DATA_HOME \
    PATH="$(path_without_python "$scratch")" "$@"
}
