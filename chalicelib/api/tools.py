"""Your tools: who you are, and for each of your roles where its work is and how much waits."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.identity import SIGNED_IN
from chalicelib.domain.times import utcnow
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel
from chalicelib.logic.tools import COUNTED_UP_TO, TOOL_PAGES, ToolName, tools_of


class ToolShown(ApiModel):
    name: ToolName
    page: str = Field(description="the page where this work is done")
    waiting: int | None = Field(description=f"how much waits for you there, counted up to {COUNTED_UP_TO}; "
                                            "null where nothing is counted")
    overdue: int | None = Field(default=None, description="of those waiting, how many are past their deadline")


class YourTools(ApiModel):
    handle: str
    display_name: str = Field(description="what the header says you are signed in as")
    tools: list[ToolShown] = Field(description="one per role's work, in the order the header shows them")
    canvass_areas: list[str] = Field(description="the policy areas whose canvass and manifesto you may steer")
    work_page: str = Field(description="where signing in takes you when you were going nowhere in particular")




@endpoint("GET", "/me/tools", access=SIGNED_IN, response=YourTools, tags=("people",),
          summary="Your name, and your roles' tools: where each one's work is and how much waits (reports and "
          "pending campaigns to review, campaigns awaiting your answer)")
def your_tools(call: Call) -> YourTools:
    found = tools_of(call.signed_in, utcnow())
    shown = [ToolShown(name=t.name, page=TOOL_PAGES[t.name], waiting=t.waiting, overdue=t.overdue)
             for t in found.tools]
    return YourTools(handle=found.person.handle, display_name=found.person.display_name, tools=shown,
                     canvass_areas=found.canvass_areas, work_page=found.work_page)
