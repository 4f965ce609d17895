#!/usr/bin/env python3
"""Writes the request bodies bench/run.sh sends with h2load: V2 inference of one flower and of
Fisher's 150, over REST (JSON; binary tensor data as tritonclient sends it) and over gRPC (a
length-prefixed ModelInferRequest with raw_input_contents, as tritonclient.grpc sends it)."""
import csv
import json
import pathlib
import struct
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
with open(root / "Iris.Predictor" / "Data" / "iris.csv") as data:
    flowers = [[float(v) for v in row[:4]] for row in list(csv.reader(data))[1:]]


def raw(rows):
    return b"".join(struct.pack("<4f", *flower) for flower in rows)


def varint(n):
    encoded = b""
    while True:
        byte, n = n & 0x7F, n >> 7
        if n:
            encoded += bytes([byte | 0x80])
        else:
            return encoded + bytes([byte])


def field(number, payload):
    """A length-delimited protobuf field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def grpc_infer(rows):
    shape = varint(len(rows)) + varint(4)
    tensor = field(1, b"input-0") + field(2, b"FP32") + field(3, shape)
    message = field(1, b"iris") + field(5, tensor) + field(7, raw(rows))
    return b"\x00" + struct.pack(">I", len(message)) + message


def rest_binary(rows):
    header = json.dumps({"inputs": [{"name": "input-0", "shape": [len(rows), 4], "datatype": "FP32",
                                     "parameters": {"binary_data_size": 16 * len(rows)}}],
                         "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
    return header, header + raw(rows)


one = flowers[100:101]
(out / "grpc-1.bin").write_bytes(grpc_infer(one))
(out / "grpc-150.bin").write_bytes(grpc_infer(flowers))
(out / "rest-1.json").write_text(json.dumps({"inputs": [{"name": "input-0", "shape": [1, 4], "datatype": "FP32",
                                                         "data": one[0]}]}, separators=(",", ":")))
header, body = rest_binary(flowers)
(out / "rest-150.bin").write_bytes(body)
(out / "rest-150.header-length").write_text(str(len(header)))
