"""Batch screening: many profiles on one date, one row per profile and entitlement.

``screen`` works out one profile's rows (pure); ``table`` lays rows out as Arrow record
batches; ``sources`` and ``sinks`` stream CSV, JSON lines and Parquet; ``pool`` spreads chunks
over this machine's cores and ``cluster`` over a Dask cluster; ``run`` ties them together for
``adhikar batch``.
"""
