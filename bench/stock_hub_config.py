# The reference of `make bench-hub`: a stock JupyterHub beside the course's, with what the course
# shares with it (PAM logins of Unix accounts, LocalProcessSpawner, the npm proxy, loopback
# ports) and nothing the course adds: stock JupyterLab from a plain environment (jupyterhub and
# jupyterlab at the course environment's versions, $COURSEKIT_HUB_HOME/stock), no course config,
# no nbgrader, no course copy, no room service. Ports, state and roster come from the same
# COURSEKIT_HUB_* variables as jupyterhub_config.py, so deploy/jupyterhub/loopback.py runs it.
import csv
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

ENV_BIN = Path(sys.executable).parent  # the stock environment's own jupyterhub
PROXY = Path(os.environ["COURSEKIT_HUB_PROXY"])
STATE = Path(os.environ["COURSEKIT_HUB_STATE"])
with open(os.environ["COURSEKIT_HUB_ROSTER"], newline="") as f:
    LEARNERS = {row["id"] for row in csv.DictReader(f)}

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["COURSEKIT_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["COURSEKIT_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['COURSEKIT_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True

c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = LEARNERS

c.JupyterHub.services = [
    {"name": "coursekit-scripts", "api_token": os.environ["COURSEKIT_HUB_SERVICE_TOKEN"]}
]
c.JupyterHub.load_roles = [
    {
        "name": "coursekit-scripts",
        "services": ["coursekit-scripts"],
        "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
    }
]

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 300  # the course's values: a start is never cut short
c.Spawner.http_timeout = 300
c.Spawner.environment = {"PATH": f"{ENV_BIN}:/usr/local/bin:/usr/bin:/bin"}
