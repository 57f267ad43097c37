"""Rule sets, check primitives and evaluation."""
