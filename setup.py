"""The one packaging step pyproject.toml cannot say: ship specs/ as interop/library.

The spec library stays at the top of the repository, where its users and
its tests find it; installed, it is the data folder ``interop/library``
(interop.load.library finds either).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["interop", "interop.*"]), "interop.library"],
    package_dir={"interop.library": "specs"},
)
