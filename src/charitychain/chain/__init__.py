"""Chains: RPC connections, local node processes, the embedded in-process chain."""
