"""The style guide shows the design system's components to whoever works on the templates."""

import pytest


@pytest.mark.django_db
def test_the_style_guide_is_there_only_while_debugging(client, settings, home):
    settings.DEBUG = False
    assert client.get("/en/_style-guide/").status_code == 404

    settings.DEBUG = True
    html = client.get("/en/_style-guide/").content.decode()
    for component in [
        'class="swatches"',
        'class="type-sample"',
        'class="button"',
        'class="card"',
        'class="notice"',
        "<progress",
        'class="breadcrumb"',
        'class="pagination"',
        'class="form-field"',
        'class="site-header"',
        'class="site-footer"',
    ]:
        assert component in html, component
    assert 'style="' not in html  # the CSP allows no inline style
