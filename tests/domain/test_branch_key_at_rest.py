"""With an app password set, the branch's private signing key is stored sealed under it:
nobody who copies the database can sign bundles without the password. Setting,
changing and removing the password re-seal it; signing needs the password confirmed."""

import base64

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import ValidationError


def _stored_private_keys(archive) -> list[str]:
    return [row[0] for row in archive.db.execute_sql("SELECT private_key FROM branch_key").fetchall()]


def _reopened(archive) -> Archive:
    data_dir, url = archive.layout.root, archive.url
    archive.close(auto_backup=False)
    return Archive.open(data_dir, url, auto_backup=False)


def test_the_key_is_sealed_under_the_password_and_re_sealed_when_it_changes(archive):
    identity = archive.branch_key.ensure()
    plain = _stored_private_keys(archive)[0]
    raw = base64.b64decode(plain)

    archive.access.set_password("第一个密码abc")
    sealed = _stored_private_keys(archive)[0]
    assert raw.hex() not in sealed and plain not in sealed
    archive = _reopened(archive)
    with pytest.raises(ValidationError) as refused:
        archive.branch_key.sign(b"manifest")
    assert "应用密码" in refused.value.message()

    assert archive.access.check("第一个密码abc").ok
    signature = archive.branch_key.sign(b"manifest")
    from branchdesk.bundle.keys import verify_signature

    assert verify_signature(identity.public_key, signature, b"manifest")

    archive.access.set_password("第二个密码xyz", current_password="第一个密码abc")
    assert _stored_private_keys(archive)[0] != sealed
    archive = _reopened(archive)
    assert not archive.access.check("第一个密码abc").ok
    assert archive.access.check("第二个密码xyz").ok
    assert verify_signature(identity.public_key, archive.branch_key.sign(b"m"), b"m")

    archive.access.remove_password("第二个密码xyz")
    assert base64.b64decode(_stored_private_keys(archive)[0]) == raw
    archive = _reopened(archive)
    assert verify_signature(identity.public_key, archive.branch_key.sign(b"m"), b"m")
    archive.close(auto_backup=False)


def test_a_key_made_while_a_password_is_set_is_sealed_at_once(archive):
    archive.access.set_password("第一个密码abc")  # before any key exists
    archive = _reopened(archive)
    with pytest.raises(ValidationError):
        archive.branch_key.ensure()  # cannot seal it without the password
    assert archive.access.check("第一个密码abc").ok
    archive.branch_key.ensure()
    assert all(stored.startswith("bdkey1$") for stored in _stored_private_keys(archive))
    archive.close(auto_backup=False)


def test_a_plain_key_left_by_an_older_version_is_sealed_at_the_next_unlock(archive):
    archive.branch_key.ensure()
    archive.access.set_password("第一个密码abc")
    p = archive.db.param
    raw = base64.b64encode(b"\x01" * 32).decode("ascii")
    archive.db.execute_sql(f"UPDATE branch_key SET private_key = {p}", (raw,))  # as before keys were sealed
    assert archive.access.check("第一个密码abc").ok
    assert all(stored.startswith("bdkey1$") for stored in _stored_private_keys(archive))
    archive.close(auto_backup=False)
