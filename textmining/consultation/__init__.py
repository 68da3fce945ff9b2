"""Synthesis of public comments on draft legal documents at scale (no Django here).

    from textmining.consultation import group_comments
    result = group_comments(table, workers=2, workdir="var/consultation/run-1")
"""

from textmining.consultation.metrics import pairwise_scores
from textmining.consultation.pipeline import Result, group_comments, map_chunk, reduce_partition

__all__ = ["Result", "group_comments", "map_chunk", "pairwise_scores", "reduce_partition"]
