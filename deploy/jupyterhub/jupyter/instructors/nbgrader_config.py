# nbgrader settings for the hub group "instructors": the course folder is ~/exercises, the
# instructors' shared course folder (admin.py instructor links it), a copy of the repository's
# exercises/ whose own nbgrader_config.py holds the course's settings.
import os

c = get_config()  # noqa: F821 (nbgrader provides get_config)
c.CourseDirectory.root = os.path.expanduser("~/exercises")
c.CourseDirectory.course_id = "solidarity-allyship"
