"""The interview: find what the record is missing, ask the fewest good questions, store answers as
sourced pending facts. Qt-free, turn-based and deterministic."""
