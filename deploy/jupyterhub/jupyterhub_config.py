# JupyterHub for the course on one server: real system users (PAM login, one Unix account
# per hub user, as The Littlest JupyterHub does), each user's JupyterLab started as that user
# (LocalProcessSpawner), the proxy from npm (node_modules/ here: `make hub-deps`), and
# nbgrader's exchange folder shared by everyone.
#
# Run it as root from the course's environment, which must be readable by every user:
#     .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
# Everything an admin may change is an environment variable (defaults in brackets):
#   COURSEKIT_HUB_IP [127.0.0.1]   COURSEKIT_HUB_PORT [8000]: where learners connect
#   COURSEKIT_HUB_API_PORT [8081]   COURSEKIT_HUB_PROXY_API_PORT [8001]: internal, always loopback
#   COURSEKIT_HUB_STATE [/srv/coursekit-hub]: the hub's database and cookie secret (made 0700)
#   COURSEKIT_HUB_ROSTER [<STATE>/students.csv]: nbgrader's student list (id,first_name,...);
#       its ids are the Unix and hub user names, so nbgrader's student ids match the roster
#   COURSEKIT_HUB_INSTRUCTORS: space-separated user names of the hub group "instructors"
#   COURSEKIT_HUB_EXCHANGE [/usr/local/share/nbgrader/exchange, nbgrader 0.9.6's default]
#   COURSEKIT_HUB_ROOM_PORT [8002]: the room server for phone votes, internal, always loopback;
#       it runs as the service /services/room/ (python -m coursekit room --hub, as nobody)
# Learners see JupyterLab's Assignments tab and Validate button, but not Formgrader, Create
# Assignment or the course list; instructors see everything. Nobody gets Jupyter's news or
# update check. The deploy guide in the book explains each step; tests/test_hub.py runs it.
import csv
import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ENV_BIN = Path(
    sys.executable
).parent  # the hub and the users' servers share the course's environment


def setting(name: str, default: str) -> str:
    return os.environ.get(f"COURSEKIT_HUB_{name}") or default


STATE = Path(setting("STATE", "/srv/coursekit-hub"))
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
os.chmod(STATE, 0o700)  # the hub's database and cookie secret: root's only, also when it existed
EXCHANGE = setting("EXCHANGE", "/usr/local/share/nbgrader/exchange")
ROSTER = Path(setting("ROSTER", str(STATE / "students.csv")))
INSTRUCTORS = setting("INSTRUCTORS", "").split()


def roster_ids(path: Path) -> list[str]:
    """The student ids in nbgrader's student list (the file `nbgrader db student import` reads)."""
    if not path.exists():
        sys.exit(
            f"{path}: no student list; write one with the columns id,first_name,last_name,email "
            "(or set COURSEKIT_HUB_ROSTER)"
        )
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if rows and "id" not in rows[0]:
        sys.exit(f"{path}: column 'id': missing (the columns are id,first_name,last_name,email)")
    return [row["id"].strip() for row in rows if row["id"].strip()]


# ---- the hub and the proxy: loopback unless COURSEKIT_HUB_IP says otherwise
c.JupyterHub.ip = setting("IP", "127.0.0.1")
c.JupyterHub.port = int(setting("PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# ---- who may log in: the roster's students and the instructors, with their Unix passwords
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = set(roster_ids(ROSTER)) | set(INSTRUCTORS)
c.Authenticator.admin_users = set(setting("ADMINS", "").split())
c.JupyterHub.load_groups = {"instructors": {"users": INSTRUCTORS}}

# ---- room votes from phones: the room server as a hub service at /services/room/. The hub
# starts it as the Unix user nobody; the instructors sign in through the hub (their group
# may open the service's facilitator pages); phones join a room's code with no account.
c.JupyterHub.services = [
    {
        "name": "room",
        "url": f"http://127.0.0.1:{setting('ROOM_PORT', '8002')}",
        "command": [str(ENV_BIN / "python"), "-m", "coursekit", "room", "--hub"],
        "environment": {"COURSEKIT_ROOT": str(REPO)},
        "user": "nobody",
        "cwd": "/",
        "oauth_no_confirm": True,
        "display": True,
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "room-facilitators",
        "groups": ["instructors"],
        "scopes": ["access:services!service=room"],
    }
]

# A token for scripts (the tests and the load benchmark): it may start and use servers.
if os.environ.get("COURSEKIT_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services.append(
        {"name": "coursekit-scripts", "api_token": os.environ["COURSEKIT_HUB_SERVICE_TOKEN"]}
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "coursekit-scripts",
            "services": ["coursekit-scripts"],
            "scopes": [
                "admin:users",
                "admin:servers",
                "tokens",
                "list:users",
                "read:users",
                "read:groups",
            ],
        }
    )

# ---- each user's JupyterLab: their own Unix account, the course's environment on PATH
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 300  # a busy two-core server may start a dozen JupyterLabs at once
c.Spawner.http_timeout = 300
c.Spawner.environment = {
    # nbgrader, coursekit and python in the terminal too: its shell is not a login shell
    # (jupyter/everyone/jupyter_server_config.json), so /etc/profile does not reset PATH.
    "PATH": f"{ENV_BIN}:/usr/local/bin:/usr/bin:/bin",
    "COURSEKIT_HUB_EXCHANGE": EXCHANGE,
    # the course's data (exercises/): the learners' notebooks live in their homes, away from it
    "COURSEKIT_ROOT": str(REPO),
}


def is_instructor(user) -> bool:
    return any(group.name == "instructors" for group in user.groups)


def give_course(home: Path, account: pwd.struct_passwd) -> None:
    """Copy the learner notebooks into ~/course on the first login (never over the user's)."""
    course = home / "course"
    if course.exists():
        return
    course.mkdir()
    for notebook in sorted((REPO / "notebooks").glob("module*.ipynb")):
        shutil.copy(notebook, course / notebook.name)
    for path in [course, *course.iterdir()]:
        os.chown(path, account.pw_uid, account.pw_gid)


def pre_spawn_hook(spawner):
    role = "instructors" if is_instructor(spawner.user) else "learners"
    if (
        role == "instructors"
    ):  # what one grader writes in the shared course folder, the others may change
        spawner.cmd = [
            "/bin/sh",
            "-c",
            'umask 007 && exec "$@"',
            "sh",
            str(ENV_BIN / "jupyterhub-singleuser"),
        ]
    config_path = os.pathsep.join(str(HERE / "jupyter" / d) for d in (role, "everyone"))
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": config_path}
    account = pwd.getpwnam(spawner.user.name)
    give_course(Path(account.pw_dir), account)


c.Spawner.pre_spawn_hook = pre_spawn_hook
