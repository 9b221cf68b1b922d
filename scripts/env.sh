# Sourced by the scripts: puts binaryen 132 from node_modules first on PATH.
# Debian's wasm-opt 108 produces modules that fail to instantiate; never let it be used.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
case "$(wasm-opt --version 2>/dev/null)" in
  *"version 132"*) ;;
  *) echo "wrong or missing wasm-opt ($(command -v wasm-opt || echo none)): run scripts/setup" >&2; exit 1 ;;
esac
