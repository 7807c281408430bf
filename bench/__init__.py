"""`make bench`: the service's figures beside their baselines, measured in one run."""
