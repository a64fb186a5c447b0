"""Disclosure channels (公开渠道): where proactively disclosed information is published."""

from __future__ import annotations

import attrs

from govdisclosure.model.base import LabelledEnum, field, optional_text, optional_url
from govdisclosure.model.quantity import Quantity

__all__ = ["ChannelKind", "DisclosureChannel"]


class ChannelKind(LabelledEnum):
    """The kinds of channel the regulation and reports name (Arts. 23–25 of the 2019 text).

    A province's own kind of channel is added by subclassing :class:`DisclosureChannel` and
    registering the subclass (see :func:`govdisclosure.serialize.register`).

    >>> ChannelKind.MICROBLOG.label
    '政务微博'
    """

    GAZETTE = "gazette", "政府公报", "government gazette"
    PORTAL = "portal", "政府门户网站", "government portal website"
    WEBSITE = "website", "政府网站", "government website (sub-site)"
    MICROBLOG = "microblog", "政务微博", "government microblog"
    WECHAT = "wechat", "政务微信", "government WeChat account"
    APP = "app", "政务客户端", "government mobile app"
    NEW_MEDIA = "new-media", "政务新媒体", "other government new media"
    PRESS_CONFERENCE = "press-conference", "新闻发布会", "press conference"
    NEWSPAPER = "newspaper", "报刊", "newspaper or periodical"
    RADIO = "radio", "广播", "radio"
    TELEVISION = "television", "电视", "television"
    ARCHIVES = "archives", "国家档案馆", "archives reading room"
    LIBRARY = "library", "公共图书馆", "public library reading room"
    SERVICE_HALL = "service-hall", "政务服务场所", "government service hall"
    BULLETIN_BOARD = "bulletin-board", "公开栏", "bulletin board"
    ELECTRONIC_SCREEN = "electronic-screen", "电子显示屏", "electronic screen"
    HOTLINE = "hotline", "咨询热线", "telephone hotline"
    ONLINE_INTERVIEW = "online-interview", "在线访谈", "online interview"
    MAILBOX = "mailbox", "信箱", "mailbox"
    OTHER = "other", "其他", "other"


@attrs.frozen(kw_only=True)
class DisclosureChannel:
    """A channel through which an agency publishes, and how much went out through it.

    >>> weibo = DisclosureChannel(
    ...     kind=ChannelKind.MICROBLOG, name="政务微博", published=Quantity(337, "条")
    ... )
    >>> weibo.published.value
    337
    """

    kind: ChannelKind = field("渠道类型", "What sort of channel.")
    name: str | None = field(
        "名称", "Its name as the source gives it.", default=None, validator=optional_text
    )
    url: str | None = field(
        "网址", "Web address, for online channels.", default=None, validator=optional_url
    )
    published: Quantity | None = field(
        "公开数量", "How much was published through it in the period, as printed.", default=None
    )
