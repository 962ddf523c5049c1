# JupyterHub configuration for a pm-course class on one machine (JupyterHub 5 or 6).
#
# Copy it beside your hub (`jupyterhub -f jupyterhub_config.py`) and change the four values
# marked CHANGE. docs/jupyterhub.md explains each part; tests/test_hub.py starts a real hub with
# this very file (adding only a test login, ports and folders of its own) and checks that three
# learners each keep their own answers and appear in the class report without exporting.
#
# The course itself is installed into the Python that runs the learners' servers:
#   pip install jupyterhub nbgitpuller jupyterhub-idle-culler /path/to/pm-course
# and each learner gets their own copy of the notebooks through the link that
# `pm-course hub-link --hub https://your.hub --repo https://github.com/OWNER/pm-course` prints.

import sys

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

# --- Who can log in: CHANGE to your organisation's login ------------------------------------
# The default is the machine's own accounts (PAM); for a class, OAuthenticator (Google, GitHub,
# Microsoft) or NativeAuthenticator (learners sign up, you approve) are common choices.
c.Authenticator.admin_users = {"instructor"}  # CHANGE: the instructor's login
c.Authenticator.allow_all = True  # CHANGE: or list the class in c.Authenticator.allowed_users

# --- Each learner's server ---------------------------------------------------------------------
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # The class folder: every learner can write their own results file there, nobody can read
    # or replace another's (create it as the instructor: mkdir -p FOLDER; chmod 1733 FOLDER).
    # Learners who agree share their results through it; the class report reads it live.
    "PM_COURSE_CLASS_DIR": "/srv/pm-course/class",  # CHANGE if you keep it elsewhere
    # Progress is kept in each learner's home by default. If homes are not kept between
    # sessions, point PM_COURSE_HOME at a kept folder: one folder for the whole class is safe,
    # the course keeps a users/<name> folder per learner inside it.
    # "PM_COURSE_HOME": "/srv/pm-course/progress",
}
# Measured: one learner with one notebook open uses about 270 MiB (server and kernel), each
# further open notebook 60 to 120 MiB more. Spawners that enforce limits (SystemdSpawner,
# DockerSpawner, KubeSpawner) use these; the plain local spawner ignores them.
c.Spawner.mem_guarantee = "512M"
c.Spawner.mem_limit = "1G"
# A kernel idle for 20 minutes is stopped (its answers are saved already), so a learner with
# many notebooks open stays small; re-running the notebook's cells brings it back.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=False",
]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- Servers nobody uses are stopped after an hour (their files and progress stay) ------------
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }
]
