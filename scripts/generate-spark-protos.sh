#!/usr/bin/env bash
# Regenerates Sources/SparkConnect/Generated from the .proto files in
# Sources/SparkConnect/Protos. The generated code is committed; CI never runs this.
#
# Needs protoc and two plugins, given by path:
#   PROTOC_GEN_SWIFT        protoc-gen-swift from apple/swift-protobuf 1.39.0:
#                             swift build -c release --product protoc-gen-swift
#   PROTOC_GEN_GRPC_SWIFT   protoc-gen-grpc-swift-2 from grpc/grpc-swift-protobuf 2.4.1:
#                             swift build -c release --product protoc-gen-grpc-swift-2
# Use the versions Package.swift resolves, so generated code and runtime agree.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
protos="$root/Sources/SparkConnect/Protos"
out="$root/Sources/SparkConnect/Generated"

missing=()
command -v "${PROTOC:-protoc}" >/dev/null || missing+=("protoc (apt-get install protobuf-compiler, or set PROTOC)")
[[ -x "${PROTOC_GEN_SWIFT:-}" ]] || missing+=("PROTOC_GEN_SWIFT: path to an executable protoc-gen-swift")
[[ -x "${PROTOC_GEN_GRPC_SWIFT:-}" ]] || missing+=("PROTOC_GEN_GRPC_SWIFT: path to an executable protoc-gen-grpc-swift-2")
if ((${#missing[@]})); then
  echo "generate-spark-protos: missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "see the comment at the top of $0 for how to build the plugins" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cd "$protos"
files=(spark/connect/*.proto)

"${PROTOC:-protoc}" \
  --plugin=protoc-gen-swift="$PROTOC_GEN_SWIFT" \
  --proto_path=. \
  --swift_out="$out" \
  --swift_opt=Visibility=Public,FileNaming=DropPath \
  "${files[@]}"

# Only base.proto declares a service; the client stubs are all Assay needs.
"${PROTOC:-protoc}" \
  --plugin=protoc-gen-grpc-swift-2="$PROTOC_GEN_GRPC_SWIFT" \
  --proto_path=. \
  --grpc-swift-2_out="$out" \
  --grpc-swift-2_opt=Visibility=Public,Server=false,Client=true,FileNaming=DropPath \
  spark/connect/base.proto

echo "generated $(ls "$out" | wc -l) files in ${out#"$root"/}"
