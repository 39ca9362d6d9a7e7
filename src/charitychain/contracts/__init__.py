"""Contract artifacts, wrappers and error decoding."""

from charitychain.contracts.artifacts import Artifact, load_artifact, load_build_artifact

__all__ = ["Artifact", "load_artifact", "load_build_artifact"]
