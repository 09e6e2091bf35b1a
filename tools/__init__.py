"""Build-time tools: fixture models, corpora and benchmark data. Not installed with the package."""
