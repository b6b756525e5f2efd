"""Names for parts of the multiprocessing API that graalmp does not implement yet."""


def missing(feature, issue):
    """Returns a callable that refuses, naming the feature and the issue that will add it."""
    def refuse(*args, **kwargs):
        raise NotImplementedError(
            f'graalmp does not implement {feature} yet (issue #{issue})')
    refuse.__name__ = feature.rsplit('.', 1)[-1]
    refuse.__qualname__ = refuse.__name__
    return refuse
