"""Evidence bundles for counsel. So far: the signature formats that third-party tools verify."""
