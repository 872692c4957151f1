"""What leaves the pipeline for people and CI: the `review check` report, its gate and its renderings."""
