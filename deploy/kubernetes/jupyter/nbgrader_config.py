# nbgrader on Zero to JupyterHub (NOT TESTED): the exchange is the ngshare service, not a folder.
from ngshare_exchange import configureExchange

c = get_config()  # noqa: F821 (nbgrader provides get_config)
configureExchange(c, "http://ngshare.course.svc.cluster.local:8080/services/ngshare")
