"""
    IPC 指的是进程间通讯
        之所以开启子进程 肯定需要它帮我们完成任务 很多情况下 需要将数据返回给父进程
        然而 进程内存是物理隔离的
    解决方案:
    1.将共享数据放到文件中   就是慢
    2.管道   subprocess中的那个  管道只能单向通讯  必须存在父子关系
    3.共享一块内存区域  得操作系统帮你分配  速度快

"""

from multiprocessing import  Process,Manager
import time

def task(dic):
    print("子进程xxxxx")
    # li[0] = 1
    # print(li[0])
    dic["name"] = "xx"

if __name__ == '__main__':
    m = Manager()
    # li = m.list([100])
    dic = m.dict({})
    # 开启子进程
    p = Process(target=task,args=(dic,))
    p.start()
    time.sleep(3)
    print(dic)
