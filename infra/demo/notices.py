"""The notices a province's offices publish, as the demo shows them (apply/notices/): in the offices' own words
from the seeds, so a walk of the demo sees what a candidate of that province reads before starting. A deployed
stack starts with none: its staff write them on the staff pages (公告)."""
from __future__ import annotations

import time

from functions.common.dynamo import keys
from functions.common.time import iso

# (scope, key, text) per province. 重庆: seed 003's 毕业申办须知, the points a candidate acts on; 安徽: seed 002,
# "除合肥市自考生应按照合肥市教育考试院相关通知要求办理毕业申请手续外…".
NOTICES = {
    "chongqing": [("province", "", "\n".join([
        "1. 社会考生在本系统填写毕业申请；助学考生按所在主考学校的管理要求申办毕业。",
        "2. 姓名、身份证号建档时录入错误或发生变更的，应提前向区县考试机构申请考籍更正。",
        "3. 需办理课程免试手续的考生，应提前半年向区县考试机构申请办理。",
        "4. 请认真阅读本须知，熟悉毕业申报条件及办理流程，在完全了解后再网上申报毕业，否则请先咨询主考学校。",
        "5. 如选错专业或主考学校，请联系所选主考学校驳回毕业申请。",
        "6. 毕业申请经主考学校初审通过并完成网上交费后即为申请成功；未在规定时间内申请成功的，当次不予办理。",
        "7. 审核进度包含三个：主考学校初审、缴纳毕业审定费、市自考办审核。市自考办终审未通过的，"
        "所交毕业审定费在当次毕业办理结束后退回原交费账号。",
        "8. 市自考办审核通过后，至少还需要 30 个工作日才可以领取毕业证书；领取时间及方式请查询主考学校网站公告。",
        "9. 本科专业学位证的申办事宜请向授位主考学校咨询。"]))],
    "anhui": [("office", "340100", "合肥市的自考生请按照合肥市教育考试院的相关通知要求办理毕业申请手续；"
                                     "通知以合肥市教育考试院网站公布的为准。")],
}


def publish_demo_notices(table, province_code: str) -> None:
    """Put the province's demo notices (none for a province the seeds give none)."""
    now = iso(int(time.time()))
    for scope, key, text in NOTICES.get(province_code, []):
        table.put_item(Item={**keys.notice(scope, key), "kind": "notice", "scope": scope, "key": key, "text": text,
                             "updated_at": now, "updated_by": "demo"})
