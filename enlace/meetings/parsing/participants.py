"""The member states (and observers) a report names as taking part."""

from __future__ import annotations

import re

from enlace.core.documents.places import (
    MEMBER_STATES,
    match_country_at,
    match_organization_at,
)
from enlace.core.documents.text import fold
from enlace.meetings.parsing.lines import BULLET_RE, Line, starts_agreement

_PARTICIPATION = re.compile(
    r"con la (?:participacion|presencia|asistencia) de|contando con (?:la )?(?:participacion|"
    r"presencia) de|participaron(?: en (?:la|esta) reunion)?|asistieron|estuvieron presentes|"
    r"(?:paises|delegaciones) participantes|with the (?:participation|attendance|presence) of|"
    r"attended by|participating (?:countries|delegations)|in attendance|were present|"
    r"(?:countries|delegations|paises|delegaciones) (?:attending|present|presentes|asistentes)|"
    r"participantes\s*:|participants\s*:|asistentes\s*:|integrad[oa] por|composed of|"
    r"the participants were|participantes fueron|en la que participaron|in which .{0,40}? took part"
)
_WEAK_PARTICIPATION = re.compile(
    r"representantes de|representatives (?:of|from)|delegaciones de|delegations (?:of|from)"
)
_ALL_MEMBERS = re.compile(r"(?:paises|estados) miembros|member (?:countries|states)")
_FILLER = re.compile(
    r"(?:los|las|la|el|del|de|al|a|representantes?|delegaciones|delegacion|delegados?|"
    r"siguientes?|paises|estados|miembros?|gobiernos?|autoridades|the|representatives?|"
    r"delegations?|delegates?|of|from|following|countries|member|states|governments?|"
    r"authorities|asi|como|as|well|tambien|also|por|parte|y|e|and|con|with|observadores?|"
    r"observers?|en|calidad|in|capacity|organismos?|organizaciones|organizations?|"
    r"internacionales|international|otros|other|invitados?|invited|especiales?|special|funcionari[oa]s|officials|expert[oa]s|experts|apoyo|support|crm|grcm|rcm|rcgm|todos|all|"
    r"vice-?\s?ministr[oa]s(?:\(as\))?|vice-?\s?ministers|ministr[oa]s|ministers|jef[ea]s|heads?|"
    r"cancilleres|embajador[ea]s|ambassadors|altas?|high|level|nivel)\b"
)
_SEPARATORS = re.compile(r"[\s,;:&/]+")


class ParticipantsReader:
    """The steps of the report parser that read the participants from the opening paragraph,
    the heading or the lines before the first agreement (`self.intro`, `self.header_lines`)."""

    def read_participants(self) -> None:
        """Participants from the opening paragraph, else from the heading or the lines between
        the opening and the first agreement (never from the agreements themselves)."""
        # The opening as one text first: its lists wrap over lines ("Estados Unidos de\nAmérica").
        sources: list[Line] = []
        if self.opening_text:
            first = next((line.number for line in self.lines if line.text), 0)
            sources.append(Line(first, self.opening_text))
        if self.intro is not None:
            sources.append(self.intro)
        sources.extend(self.header_lines)
        after = self.lines[self.body_start :]
        for line in after[:12]:
            if line.text and starts_agreement(line.text):
                break
            if line.text:
                sources.append(line)
        for regex in (_PARTICIPATION, _WEAK_PARTICIPATION):
            for line in sources:
                for match in regex.finditer(fold(line.text)):
                    if self.scan_participants(line, match.end()) or (
                        line.text.endswith(":") and self.scan_list(line)
                    ):
                        self.participant_lines.add(line.number)
                        return

    def scan_list(self, line: Line) -> bool:
        """Participants written one a line under "Participaron:" ("- Belice", "- Canadá")."""
        members: list[str] = []
        position = next((index for index, own in enumerate(self.lines) if own is line), None)
        if position is None:  # the joined opening: its own last line is read on its own
            return False
        for following in self.lines[position + 1 :]:
            text = BULLET_RE.sub(r"\g<text>", following.text).strip(" .;,")
            if not text:
                if members:
                    break
                continue
            found = match_country_at(text, 0)
            if not found:
                break
            if found[0] in MEMBER_STATES:
                members.append(found[0])
        if members:
            self.report.participants = sorted(set(members))
        return bool(members)

    def scan_participants(self, line: Line, position: int) -> bool:
        text = line.text
        folded = fold(text)
        start = position
        members: list[str] = []
        organizations: list[str] = []
        others: list[str] = []
        fillers = 0
        while position < len(text) and fillers <= 12:
            separator = _SEPARATORS.match(text, position)
            if separator:
                position = separator.end()
                continue
            if text[position] == "(":
                close = text.find(")", position)
                position = close + 1 if close > 0 else len(text)
                continue
            found = match_country_at(text, position)
            if found:
                code, position = found
                (members if code in MEMBER_STATES else others).append(code)
                fillers = 0
                continue
            found = match_organization_at(text, position)
            if found:
                code, position = found
                organizations.append(code)
                fillers = 0
                continue
            filler = _FILLER.match(folded, position)
            if not filler:
                break
            position = filler.end()
            fillers += 1
        if not members and _ALL_MEMBERS.search(folded[start:position]):
            # "con la participación de todos los países miembros": nobody named, everybody came.
            members = list(MEMBER_STATES)
        if not members:
            return False
        self.report.participants = sorted(set(members))
        self.report.organizations = list(dict.fromkeys(organizations))
        self.report.other_countries = list(dict.fromkeys(others))
        return True
