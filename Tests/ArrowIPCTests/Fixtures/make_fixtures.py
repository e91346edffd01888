"""Writes the Arrow IPC stream fixtures of ArrowIPCTests and expected.json, their values as
pyarrow reads them, converted to what Assay holds: numbers as floats (timestamps as seconds
since the epoch, decimals as floats), dates as "YYYY-MM-DD", None for a null. A fixture that
Assay must refuse has "error" (the error's text) instead of "columns".

    python -m venv /tmp/venv && /tmp/venv/bin/pip install pyarrow
    /tmp/venv/bin/python Tests/ArrowIPCTests/Fixtures/make_fixtures.py
"""
import datetime
import decimal
import json
import pathlib

import pyarrow as pa

HERE = pathlib.Path(__file__).resolve().parent
UNITS = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def write(name, batches, schema=None, streams=1, **options):
    """One stream (or `streams` copies of it in a row) of `batches` to NAME.arrow."""
    schema = schema or batches[0].schema
    sink = pa.BufferOutputStream()
    for _ in range(streams):
        with pa.ipc.new_stream(sink, schema, options=pa.ipc.IpcWriteOptions(**options)) as writer:
            for batch in batches:
                writer.write_batch(batch)
    (HERE / f"{name}.arrow").write_bytes(sink.getvalue().to_pybytes())


def assay_values(array):
    """A column's values as Assay holds them, from pyarrow's own reading of the fixture."""
    kind = array.type
    if pa.types.is_dictionary(kind):
        return "string", [None if v is None else v for v in array.to_pylist()]
    if pa.types.is_timestamp(kind):
        raw = array.cast(pa.int64()).to_pylist()
        return "number", [None if v is None else v / UNITS[kind.unit] for v in raw]
    if pa.types.is_date(kind):
        return "string", [None if v is None else v.isoformat() for v in array.to_pylist()]
    if pa.types.is_boolean(kind):
        return "bool", array.to_pylist()
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return "string", array.to_pylist()
    values = array.to_pylist()
    return "number", [None if v is None else float(v) for v in values]


def expected(name, error=None):
    if error is not None:
        return {"error": error}
    # Several streams in a row: pyarrow reads one at a time, Assay reads them all.
    data = (HERE / f"{name}.arrow").read_bytes()
    reader = pa.BufferReader(data)
    tables = []
    while reader.tell() < len(data):
        stream = pa.ipc.open_stream(reader)
        tables.append(stream.read_all())
    table = pa.concat_tables(tables)
    columns = []
    for field, column in zip(table.schema, table.columns):
        kind, values = assay_values(pa.array([], field.type))
        for chunk in column.chunks:
            values += assay_values(chunk)[1]
        columns.append({"name": field.name, "type": kind, "values": values})
    return {"rows": table.num_rows, "columns": columns}


def main():
    fixtures = {}

    numbers = pa.record_batch({
        "f64": pa.array([1.5, None, -0.25, 1e300, 0.0], pa.float64()),
        "f32": pa.array([0.1, 2.5, None, -3.0, 1e30], pa.float32()),
        "i8": pa.array([-128, 127, None, 0, 1], pa.int8()),
        "i16": pa.array([-32768, 32767, 5, None, 0], pa.int16()),
        "i32": pa.array([-2**31, 2**31 - 1, None, 7, 0], pa.int32()),
        "i64": pa.array([-2**63, 2**63 - 1, 2**53 + 1, None, 42], pa.int64()),
        "u8": pa.array([255, 0, None, 1, 2], pa.uint8()),
        "u16": pa.array([65535, None, 0, 1, 2], pa.uint16()),
        "u32": pa.array([2**32 - 1, 0, 1, None, 3], pa.uint32()),
        "u64": pa.array([2**64 - 1, 0, None, 2**53, 5], pa.uint64()),
        "dec": pa.array([decimal.Decimal("123.45"), decimal.Decimal("-0.01"), None,
                         decimal.Decimal("99999999.99"), decimal.Decimal("0")], pa.decimal128(10, 2)),
        "nothing": pa.nulls(5),
    })
    write("numbers", [numbers])
    fixtures["numbers"] = expected("numbers")

    text = pa.record_batch({
        "name": pa.array(["ada", None, "", "grace", "ada"], pa.string()),
        "large": pa.array(["日本", "x", None, "x", "ünï"], pa.large_string()),
        "flag": pa.array([True, False, None, True, False], pa.bool_()),
        "all_null_text": pa.array([None] * 5, pa.string()),
    })
    write("strings", [text])
    fixtures["strings"] = expected("strings")

    day = datetime.date
    moments = [datetime.datetime(2024, 2, 29, 12, 30, 15, 123456), None,
               datetime.datetime(1969, 12, 31, 23, 59, 59), datetime.datetime(1970, 1, 1),
               datetime.datetime(2038, 1, 19, 3, 14, 8)]
    temporal = pa.record_batch({
        "d32": pa.array([day(2024, 2, 29), day(1969, 12, 31), None, day(1, 1, 1), day(9999, 12, 31)], pa.date32()),
        "d64": pa.array([day(2000, 1, 1), None, day(1970, 1, 1), day(1900, 3, 1), day(2100, 12, 31)], pa.date64()),
        "ts_s": pa.array(moments, pa.timestamp("s")),
        "ts_ms": pa.array(moments, pa.timestamp("ms", tz="UTC")),
        "ts_us": pa.array(moments, pa.timestamp("us", tz="Europe/Paris")),
        "ts_ns": pa.array(moments, pa.timestamp("ns")),
    })
    write("temporal", [temporal])
    fixtures["temporal"] = expected("temporal")

    # Dictionaries across batches: the second batch's city dictionary extends the first's (a
    # delta when deltas are on); the int8-indexed size column keeps one dictionary.
    def dictionary_batch(indices, entries, small):
        return pa.record_batch({
            "city": pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(entries)),
            "size": pa.DictionaryArray.from_arrays(pa.array(small, pa.int8()), pa.array(["s", "m", "l"])),
        })
    growing = [dictionary_batch([0, None, 1], ["paris", "rome"], [0, 1, None]),
               dictionary_batch([0, 1, 2, 2], ["paris", "rome", "oslo"], [2, 2, 0, 1])]
    write("dictionary_delta", growing, emit_dictionary_deltas=True)
    fixtures["dictionary_delta"] = expected("dictionary_delta")
    replaced = [dictionary_batch([0, 1, None], ["a", "b"], [0, 0, 1]),
                dictionary_batch([0, 1, 0], ["c", "a", None], [1, None, 2])]
    write("dictionary_replace", replaced)
    fixtures["dictionary_replace"] = expected("dictionary_replace")

    mixed = [pa.record_batch({"x": pa.array([float(i) if i % 3 else None for i in range(start, start + 4)]),
                              "s": pa.array([f"v{i % 2}" if i % 4 else None for i in range(start, start + 4)]),
                              "b": pa.array([i % 2 == 0 for i in range(start, start + 4)])})
             for start in (0, 4, 8)]
    write("batches", mixed)
    fixtures["batches"] = expected("batches")
    write("legacy", mixed, use_legacy_format=True)
    fixtures["legacy"] = expected("legacy")
    write("concatenated", mixed[:2], streams=2)
    fixtures["concatenated"] = expected("concatenated")
    write("empty", [], schema=pa.schema([("x", pa.float64()), ("s", pa.string()), ("b", pa.bool_())]))
    fixtures["empty"] = expected("empty")

    write("compressed", [numbers], compression="zstd")
    fixtures["compressed"] = expected(
        "compressed", error="arrow record batch is compressed with zstd, which Assay cannot read")
    write("unsupported", [pa.record_batch({"id": pa.array([1, 2]), "tags": pa.array([[1], [2, 3]])})])
    fixtures["unsupported"] = expected(
        "unsupported", error="column `tags` has arrow type list, which Assay cannot hold")

    (HERE / "expected.json").write_text(json.dumps(fixtures, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
