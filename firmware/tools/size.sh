#!/usr/bin/env bash
# Cross-compiles the firmware components freestanding (-ffreestanding
# -nostdlib, no libc) at -Os for the two microcontroller cores NEXUS nodes
# use, and prints their .text/.data/.bss sizes:
#   rv32imc   — ESP32-C3/C6 (gcc-riscv64-unknown-elf)
#   cortex-m4 — STM32F4 class (gcc-arm-none-eabi)
# It proves the code needs no libc (the partial link must leave no undefined
# symbols) and checks the goal of issue 4: VM + validator <= 8 KiB of code.
#
# Usage: firmware/tools/size.sh   (or: make -C firmware size)
# Installs the Debian cross compilers when they are missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v riscv64-unknown-elf-gcc >/dev/null || need+=(gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf)
command -v arm-none-eabi-gcc >/dev/null || need+=(gcc-arm-none-eabi binutils-arm-none-eabi)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null; then
    echo "size.sh: cannot install ${need[*]}; install them (Debian) and run again" >&2
    exit 2
  fi
fi

out=${BUILD:-build}/size
mkdir -p "$out"
inc="-Icomponents/nexus_isa/include -Icomponents/nexus_vm/include -Icomponents/nexus_validate/include -Icomponents/nexus_safety/include"
# Device configuration: no description strings in the validator (codes only).
flags="-DNX_VALIDATE_DESCRIBE=0 -std=c11 -Wall -Wextra -Werror -pedantic -Os -ffreestanding -nostdlib -fno-builtin -fno-tree-loop-distribute-patterns -ffunction-sections -fdata-sections"

targets=("rv32imc:riscv64-unknown-elf:-march=rv32imc -mabi=ilp32" "cortex-m4:arm-none-eabi:-mcpu=cortex-m4 -mthumb")
components=(nexus_vm nexus_validate nexus_safety)

printf '%-10s %-15s %8s %8s %8s\n' target component .text .data .bss
for t in "${targets[@]}"; do
  name=${t%%:*}; rest=${t#*:}; prefix=${rest%%:*}; arch=${rest#*:}
  total_text=0
  for c in "${components[@]}"; do
    obj="$out/$name-$c.o"
    # shellcheck disable=SC2086
    "$prefix-gcc" $flags $arch $inc -c "components/$c/$c.c" -o "$obj"
    # libgcc's helpers (64-bit shifts and division on a 32-bit core) are
    # the compiler's own runtime, linked into every freestanding image; any
    # other undefined symbol would be a libc dependency.
    undef=$("$prefix-nm" -u "$obj" | awk '{print $2}' | grep -v '^__' || true)
    if [ -n "$undef" ]; then
      echo "size.sh: $c on $name calls functions no freestanding build provides:" >&2
      echo "$undef" >&2
      exit 1
    fi
    read -r text data bss _ < <("$prefix-size" "$obj" | tail -n 1)
    printf '%-10s %-15s %8d %8d %8d\n' "$name" "$c" "$text" "$data" "$bss"
    case $c in nexus_vm|nexus_validate) total_text=$((total_text + text)) ;; esac
  done
  verdict="within"
  [ "$total_text" -le 8192 ] || verdict="OVER"
  printf '%-10s %-15s %8d   (VM + validator code; goal <= 8192: %s)\n' "$name" "vm+validate" "$total_text" "$verdict"
done

# RAM of one VM instance (the state the caller allocates statically), read
# from the symbol size of an instance.
printf '#include "nexus_vm.h"\nnx_vm nx_instance;\n' > "$out/sizeof.c"
# shellcheck disable=SC2086
riscv64-unknown-elf-gcc $flags -fno-common -march=rv32imc -mabi=ilp32 $inc -c "$out/sizeof.c" -o "$out/sizeof.o"
ram=$(riscv64-unknown-elf-nm -S "$out/sizeof.o" | awk '$4 == "nx_instance" {print $2}')
echo "nx_vm state (rv32, default config): $((16#$ram)) bytes of RAM (65,536 of them data memory; NX_CFG_MEM_SIZE shrinks it)"
