"""Which database a model query runs on: always the one of the archive whose call is running.

The peewee models (``models.py``) are declared once, but a process may hold several
archives at once: an upper level beside a branch's backup, a restore preview, a test
with two archives. Each ``Archive`` owns its connection (``archive.db``), and every
call into an archive - its managers' methods and properties, and the domain functions
marked ``@uses_archive`` - makes that connection the models' database for the length
of the call (a context variable, so each thread and each nested call has its own).

A model query outside any archive's call raises ``NoArchiveInUse`` instead of going
to whichever archive happened to open last."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
from collections.abc import Callable, Iterator

import peewee

_in_use: contextvars.ContextVar[peewee.Database | None] = contextvars.ContextVar("branchdesk_database", default=None)



class NoArchiveInUse(RuntimeError):
    """A model was queried outside any archive's call: a programming error, never user input."""

    def __init__(self) -> None:
        super().__init__(
            "A BranchDesk model was used outside an archive's call: go through the archive's "
            "managers, mark the domain function @uses_archive, or wrap it in `with archive.bound():`."
        )


class ArchiveDatabase(peewee.DatabaseProxy):
    """The models' ``Meta.database``: resolves, at each use, to the database in use by
    the running archive call. It never holds a database itself."""

    __slots__ = ()

    def __init__(self) -> None:
        # Proxy.__init__ would store a database in the slot ``obj``; this proxy has none.
        object.__setattr__(self, "_callbacks", [])

    def initialize(self, obj) -> None:
        raise TypeError("ArchiveDatabase is never pointed at one database: use archive.bound()")

    @property
    def obj(self) -> peewee.Database | None:
        # None outside a call: peewee itself asks while the model classes are made.
        return _in_use.get()

    def __getattr__(self, attr):
        database = _in_use.get()
        if database is None:
            raise NoArchiveInUse()
        return getattr(database, attr)


@contextlib.contextmanager
def bound_to(database: peewee.Database) -> Iterator[peewee.Database]:
    """Within the block, model queries on this thread run on ``database``."""
    if _in_use.get() is database:
        yield database
        return
    token = _in_use.set(database)
    try:
        yield database
    finally:
        _in_use.reset(token)


def enter(database: peewee.Database) -> contextvars.Token:
    """Start using ``database`` (for a ``with`` statement's ``__enter__``); ``leave`` ends it."""
    return _in_use.set(database)


def leave(token: contextvars.Token) -> None:
    _in_use.reset(token)


def database_in_use() -> peewee.Database | None:
    return _in_use.get()


def _call_bound(database_of: Callable[[object], peewee.Database], function: Callable) -> Callable:
    """``function`` wrapped so that it runs with ``database_of(first argument)`` in use;
    a generator is stepped with the database in use at each step (its caller may use
    another archive between two steps)."""
    if inspect.isgeneratorfunction(function):

        @functools.wraps(function)
        def generator(owner, *args, **kwargs):
            database = database_of(owner)
            with bound_to(database):
                inner = function(owner, *args, **kwargs)
            while True:
                with bound_to(database):
                    try:
                        item = next(inner)
                    except StopIteration as stop:
                        return stop.value
                yield item

        return generator

    @functools.wraps(function)
    def call(owner, *args, **kwargs):
        database = database_of(owner)
        if _in_use.get() is database:  # the common case: a call from inside the same archive
            return function(owner, *args, **kwargs)
        token = _in_use.set(database)
        try:
            return function(owner, *args, **kwargs)
        finally:
            _in_use.reset(token)

    return call


def _archive_database(holder) -> peewee.Database:
    archive = getattr(holder, "_archive", None)
    if archive is None:
        archive = holder.archive
    return archive.db


def uses_archive[F: Callable[..., object]](function: F) -> F:
    """For a domain function whose first argument is the archive (or an object holding it
    as ``_archive``/``archive``): model queries inside run on that archive's database."""

    def database_of(first) -> peewee.Database:
        database = getattr(first, "db", None)
        if isinstance(database, peewee.Database):
            return database
        return _archive_database(first)

    return _call_bound(database_of, function)  # type: ignore[return-value]


class ArchiveBound:
    """Base of every object that holds an archive (``self._archive``) and queries models:
    each method and property of the subclass runs with that archive's database in use.
    Subclasses need nothing else; the wrapping happens once, when the class is made."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass may name its database otherwise, with a staticmethod ``_database_of``.
        database_of = getattr(cls, "_database_of", _archive_database)
        # The class's own members, and those it takes from plain mixins (bases that are
        # not ArchiveBound themselves, whose members nothing has wrapped yet).
        members = {}
        for base in reversed(cls.__mro__):
            if base is cls or (base is not object and not issubclass(base, ArchiveBound)):
                members.update(vars(base))
        for name, member in members.items():
            if name.startswith("__") and name != "__iter__":
                continue
            if inspect.getattr_static(cls, name) is not member:
                continue  # overridden further down the line, already wrapped there
            if isinstance(member, property):
                setattr(
                    cls,
                    name,
                    property(
                        _call_bound(database_of, member.fget) if member.fget else None,
                        _call_bound(database_of, member.fset) if member.fset else None,
                        member.fdel,
                        member.__doc__,
                    ),
                )
            elif inspect.isfunction(member):
                setattr(cls, name, _call_bound(database_of, member))
