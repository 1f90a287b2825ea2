from django import template

register = template.Library()


@register.filter
def app_label(instance):
    return instance._meta.app_label


@register.filter
def model_name(instance):
    return instance._meta.model_name


@register.filter
def model_verbose_name(instance):
    return instance._meta.verbose_name
